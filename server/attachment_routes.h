// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"
#include "server_config.h"
#include "store/content_repository.h"

namespace sotay::server {

// Attachments of published content: POST /api/v1/content/{id}/attachments (the file's bytes as the body),
// GET and DELETE /api/v1/attachments/{id}. Who may do it follows the item (content_access.h).
void addAttachmentRoutes(Router& router, Services& services, const AttachmentPolicy& policy);

// "attachment; filename=\"...\"; filename*=UTF-8''...": an ASCII name for old clients (the Vietnamese
// letters without their marks) and the exact name in UTF-8 (RFC 6266, RFC 8187).
std::string contentDisposition(const QString& fileName);

// The file of `file` (read without its bytes) as it is served: its type, name and ETag, or 304 when the
// request's If-None-Match names that ETag. Whether the caller may read it is the caller's to check first.
ApiResponse attachmentResponse(const ApiRequest& request, const AttachmentFile& file);

} // namespace sotay::server
