// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"
#include "server_config.h"

namespace sotay::server {

// Attachments of published content: POST /api/v1/content/{id}/attachments (the file's bytes as the body),
// GET and DELETE /api/v1/attachments/{id}. Who may do it follows the item (content_access.h).
void addAttachmentRoutes(Router& router, Services& services, const AttachmentPolicy& policy);

// "attachment; filename=\"...\"; filename*=UTF-8''...": an ASCII name for old clients (the Vietnamese
// letters without their marks) and the exact name in UTF-8 (RFC 6266, RFC 8187).
std::string contentDisposition(const QString& fileName);

} // namespace sotay::server
