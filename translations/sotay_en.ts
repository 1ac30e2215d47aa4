<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name>ApiClient</name>
    <message>
        <source>Không kết nối được tới máy chủ %1: %2</source>
        <translation>Could not connect to server %1: %2</translation>
    </message>
    <message>
        <source>Máy chủ trả lời mã %1.</source>
        <translation>The server replied with status %1.</translation>
    </message>
    <message>
        <source>Đã hủy.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>quá thời gian chờ</source>
        <translation>the connection timed out</translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message>
        <source>Địa chỉ này không nhận phương thức đó.</source>
        <translation>This address does not accept that request method.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu không trả lời.</source>
        <translation>The database is not responding.</translation>
    </message>
    <message>
        <source>Lỗi máy chủ, xin thử lại sau.</source>
        <translation>Server error; please try again later.</translation>
    </message>
    <message>
        <source>Nội dung gửi lên vượt quá %1 MB.</source>
        <translation>The uploaded content exceeds %1 MB.</translation>
    </message>
    <message>
        <source>Không có địa chỉ %1.</source>
        <translation>The address %1 does not exist.</translation>
    </message>
    <message>
        <source>Tham số since phải là số nguyên không âm.</source>
        <translation>The since parameter must be a non-negative whole number.</translation>
    </message>
    <message>
        <source>Không tìm thấy, hoặc không thuộc phạm vi của bạn.</source>
        <translation>Not found, or outside your scope.</translation>
    </message>
    <message>
        <source>Tài khoản của bạn không có quyền làm việc này.</source>
        <translation>Your account is not allowed to do this.</translation>
    </message>
    <message>
        <source>Tham số %1 phải là số nguyên từ %2 đến %3.</source>
        <translation>The %1 parameter must be a whole number from %2 to %3.</translation>
    </message>
    <message>
        <source>Tham số không được hỗ trợ.</source>
        <translation>Unsupported parameter.</translation>
    </message>
    <message>
        <source>Tham số không được chứa ký tự điều khiển.</source>
        <translation>Parameters must not contain control characters.</translation>
    </message>
    <message>
        <source>Cần gửi phiên bản đang sửa trong tiêu đề If-Match.</source>
        <translation>Send the version you are editing in the If-Match header.</translation>
    </message>
    <message>
        <source>Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.</source>
        <translation>This Idempotency-Key has already been used for a different request.</translation>
    </message>
    <message>
        <source>Yêu cầu với khóa này đang được xử lý, xin thử lại sau.</source>
        <translation>A request with this key is still being processed; please try again shortly.</translation>
    </message>
    <message>
        <source>Idempotency-Key phải dài 8 đến 100 ký tự chữ, số, . _ : -.</source>
        <translation>An Idempotency-Key has 8 to 100 characters: letters, digits, . _ : -.</translation>
    </message>
    <message>
        <source>Cần mã số tổ chức đảng.</source>
        <translation>A party organisation ID is required.</translation>
    </message>
    <message>
        <source>Cần true hoặc false.</source>
        <translation>Expected true or false.</translation>
    </message>
    <message>
        <source>Trạng thái phải là probationary hoặc official.</source>
        <translation>The status must be probationary or official.</translation>
    </message>
    <message>
        <source>Kiểu dữ liệu sai.</source>
        <translation>Wrong data type.</translation>
    </message>
    <message>
        <source>Cần một đối tượng JSON.</source>
        <translation>Expected a JSON object.</translation>
    </message>
    <message numerus="yes">
        <source>Dữ liệu gửi lên chưa hợp lệ ở %n trường.</source>
        <translation>
            <numerusform>The data sent is invalid in %n field.</numerusform>
            <numerusform>The data sent is invalid in %n fields.</numerusform>
        </translation>
    </message>
    <message>
        <source>Chỉ cấp trên mới thay đổi được tổ chức đảng đứng đầu phạm vi của bạn.</source>
        <translation>Only the level above can change the party organisation at the top of your scope.</translation>
    </message>
    <message>
        <source>Chỉ dùng một trong hai tham số parent và q.</source>
        <translation>Use either the parent or the q parameter, not both.</translation>
    </message>
    <message>
        <source>Cần tham số parent hoặc q.</source>
        <translation>The parent or q parameter is required.</translation>
    </message>
    <message>
        <source>Tham số parent phải là mã số tổ chức đảng hoặc root.</source>
        <translation>The parent parameter must be a party organisation ID or root.</translation>
    </message>
    <message>
        <source>Tham số after phải là số nguyên không âm.</source>
        <translation>The after parameter must be a non-negative whole number.</translation>
    </message>
    <message>
        <source>Không thể tạo tài khoản có quyền cao hơn quyền của bạn.</source>
        <translation>You cannot create an account with more rights than your own.</translation>
    </message>
    <message>
        <source>Yêu cầu này không nhận Idempotency-Key: câu trả lời của nó không được lưu lại để gửi lại.</source>
        <translation>This request does not take an Idempotency-Key: its answer is never kept to be sent again.</translation>
    </message>
    <message>
        <source>Bạn cần đổi mật khẩu tạm thời trước khi tiếp tục.</source>
        <translation>You need to change your temporary password before you continue.</translation>
    </message>
    <message>
        <source>Bạn không thể tự đổi vai trò của mình.</source>
        <translation>You cannot change your own role.</translation>
    </message>
    <message>
        <source>Không thể trao quyền cao hơn quyền của bạn.</source>
        <translation>You cannot give a role higher than your own.</translation>
    </message>
    <message>
        <source>Tài khoản đảng viên gắn với một đảng viên: không đổi được sang vai trò khác hay ngược lại. Hãy tạo tài khoản mới.</source>
        <translation>A member&apos;s account belongs to one member: it cannot be changed to another role, nor another account to it. Create a new account instead.</translation>
    </message>
    <message>
        <source>Bạn không thể tự đổi phạm vi làm việc của mình.</source>
        <translation>You cannot change your own scope.</translation>
    </message>
    <message>
        <source>Tài khoản đảng viên làm việc ở chi bộ của đảng viên đó; phạm vi đi theo đảng viên.</source>
        <translation>A member&apos;s account works in that member&apos;s cell; its scope follows the member.</translation>
    </message>
    <message>
        <source>Tài khoản quản trị làm việc trên toàn tỉnh, không gắn với tổ chức đảng nào.</source>
        <translation>An administrator&apos;s account works across the whole province and belongs to no Party organisation.</translation>
    </message>
    <message>
        <source>Bạn không thể tự khóa tài khoản của mình.</source>
        <translation>You cannot disable your own account.</translation>
    </message>
    <message>
        <source>Không cấp mật khẩu tạm thời cho chính mình: hãy dùng chức năng đổi mật khẩu.</source>
        <translation>You cannot give yourself a temporary password: use Change password instead.</translation>
    </message>
    <message>
        <source>Yêu cầu này không nhận nội dung.</source>
        <translation>This request takes no content.</translation>
    </message>
    <message>
        <source>Con trỏ trang không hợp lệ. Hãy tải lại từ trang đầu.</source>
        <translation>The page cursor is not valid. Reload from the first page.</translation>
    </message>
    <message>
        <source>Vai trò phải là admin, officer, secretary hoặc member.</source>
        <translation>The role must be admin, officer, secretary or member.</translation>
    </message>
    <message>
        <source>Trạng thái phải là active hoặc disabled.</source>
        <translation>The state must be active or disabled.</translation>
    </message>
    <message>
        <source>Có quá nhiều kết nối cùng lúc từ địa chỉ của bạn. Hãy đóng bớt cửa sổ hoặc chương trình đang kết nối tới máy chủ rồi thử lại.</source>
        <translation>There are too many connections at once from your address. Close some of the windows or programs connected to the server, then try again.</translation>
    </message>
    <message>
        <source>Máy chủ đang quá tải, xin thử lại sau ít giây.</source>
        <translation>The server is overloaded; please try again in a few seconds.</translation>
    </message>
    <message>
        <source>Yêu cầu đến quá chậm nên máy chủ đã dừng chờ. Hãy kiểm tra đường truyền rồi gửi lại.</source>
        <translation>The request arrived too slowly, so the server stopped waiting for it. Check the connection, then send it again.</translation>
    </message>
    <message>
        <source>Yêu cầu không đúng cú pháp HTTP/1.1.</source>
        <translation>The request does not follow HTTP/1.1 syntax.</translation>
    </message>
    <message>
        <source>Yêu cầu có độ dài nội dung không rõ ràng (nhiều Content-Length khác nhau, hoặc kèm Transfer-Encoding).</source>
        <translation>The request&apos;s content length is ambiguous (several different Content-Length headers, or one with Transfer-Encoding).</translation>
    </message>
    <message>
        <source>Đường dẫn của yêu cầu quá dài.</source>
        <translation>The request&apos;s path is too long.</translation>
    </message>
    <message>
        <source>Phần đầu (header) của yêu cầu quá lớn.</source>
        <translation>The request&apos;s headers are too large.</translation>
    </message>
    <message>
        <source>Máy chủ chỉ nhận nội dung có Content-Length; không nhận Transfer-Encoding.</source>
        <translation>The server only accepts content with a Content-Length, not Transfer-Encoding.</translation>
    </message>
    <message>
        <source>Máy chủ chỉ dùng HTTP/1.0 và HTTP/1.1.</source>
        <translation>The server only speaks HTTP/1.0 and HTTP/1.1.</translation>
    </message>
    <message>
        <source>Bài này do cấp trên biên soạn hoặc đăng cho cả nơi ngoài phạm vi của bạn: bạn chỉ xem được, không sửa được. Cần sửa thì liên hệ nơi đã đăng bài.</source>
        <translation>This item was written by a higher level, or is also published outside your scope: you can read it but not change it. To have it changed, contact whoever published it.</translation>
    </message>
    <message>
        <source>Bí thư chi bộ chỉ đăng bài cho chi bộ của mình.</source>
        <translation>A cell secretary publishes only to their own cell.</translation>
    </message>
    <message>
        <source>Cần thời điểm đăng dạng ISO 8601 có múi giờ, ví dụ 2026-12-10T08:00:00+07:00.</source>
        <translation>The publication time must be ISO 8601 with a time zone, for example 2026-12-10T08:00:00+07:00.</translation>
    </message>
    <message>
        <source>Loại bài phải là news, document, lesson, meeting_topic hoặc guidance.</source>
        <translation>The kind must be news, document, lesson, meeting_topic or guidance.</translation>
    </message>
    <message>
        <source>Trạng thái phải là draft, scheduled, published hoặc archived.</source>
        <translation>The state must be draft, scheduled, published or archived.</translation>
    </message>
    <message>
        <source>Tham số after phải là mã số của bài cuối trang trước.</source>
        <translation>The after parameter must be the ID of the last item of the previous page.</translation>
    </message>
    <message>
        <source>Tệp đính kèm vượt quá %1 MB.</source>
        <translation>The attachment exceeds %1 MB.</translation>
    </message>
    <message>
        <source>Chỉ nhận tệp PDF, DOCX, PNG hoặc JPEG; nội dung tệp %1 không phải loại nào trong số đó (loại tệp được xét theo nội dung, không theo phần đuôi tên).</source>
        <translation>Only PDF, DOCX, PNG or JPEG files are accepted; the content of the file %1 is none of them (the type is judged by the content, not by the name&apos;s extension).</translation>
    </message>
    <message>
        <source>Ảnh không có lớp chữ để máy kiểm tra dấu mật: người tải lên cần xác nhận ảnh không chứa nội dung mật (confirmNoClassified=true). Xác nhận này được ghi vào nhật ký.</source>
        <translation>An image has no text layer for the server to check for a classification stamp: the uploader must confirm that it holds nothing classified (confirmNoClassified=true). The confirmation is kept in the audit log.</translation>
    </message>
    <message>
        <source>Cần tên tệp trong tham số name (không quá 200 ký tự, không có ký tự ẩn), ví dụ name=Nghi-quyet-45.pdf.</source>
        <translation>The file name is required in the name parameter (at most 200 characters, no hidden characters), for example name=Nghi-quyet-45.pdf.</translation>
    </message>
    <message>
        <source>Số thẻ (hoặc số lý lịch) và mã kích hoạt không khớp, hoặc mã đã hết hạn. Hãy kiểm tra lại, hoặc đề nghị chi bộ cấp mã mới.</source>
        <translation>The card number (or profile number) and the activation code do not match, or the code has expired. Check them, or ask your cell for a new code.</translation>
    </message>
    <message numerus="yes">
        <source>Đã nhập sai mã kích hoạt quá nhiều lần. Xin thử lại sau %n phút.</source>
        <translation>
            <numerusform>Too many wrong activation codes. Please try again in %n minute.</numerusform>
            <numerusform>Too many wrong activation codes. Please try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tài khoản đảng viên được tạo khi đảng viên kích hoạt Sổ tay bằng mã kích hoạt do cấp ủy cấp, không tạo ở đây.</source>
        <translation>A member&apos;s account is made when the member activates the handbook with an activation code from their committee, not here.</translation>
    </message>
    <message>
        <source>Chỉ tài khoản cán bộ hoặc bí thư mới gắn được với hồ sơ đảng viên của người dùng.</source>
        <translation>Only an officer&apos;s or a secretary&apos;s account can be linked to its holder&apos;s member record.</translation>
    </message>
    <message>
        <source>Tài khoản này không gắn với hồ sơ đảng viên nào, nên không có Sổ tay của đảng viên.</source>
        <translation>This account is linked to no member record, so it has no member&apos;s handbook.</translation>
    </message>
    <message>
        <source>Hồ sơ đảng viên của tài khoản này không còn trong danh sách sinh hoạt.</source>
        <translation>The member record of this account is no longer on a roster.</translation>
    </message>
    <message>
        <source>Chỉ bài học mới được đánh dấu đã học xong.</source>
        <translation>Only a lesson can be marked as studied.</translation>
    </message>
    <message>
        <source>Bài này không có bài kiểm tra.</source>
        <translation>This item has no quiz.</translation>
    </message>
    <message>
        <source>Cần mã số của bài học.</source>
        <translation>The lesson&apos;s ID is required.</translation>
    </message>
    <message>
        <source>Cần một tháng dạng NNNN-TT, ví dụ 2026-03.</source>
        <translation>A month is required, as YYYY-MM, for example 2026-03.</translation>
    </message>
    <message>
        <source>Tham số by phải là child hoặc cell.</source>
        <translation>The by parameter must be child or cell.</translation>
    </message>
    <message>
        <source>Khoảng tháng phải từ from đến to, không quá %1 tháng.</source>
        <translation>The months must run from from to to, at most %1 months.</translation>
    </message>
    <message>
        <source>Buổi sinh hoạt đã diễn ra.</source>
        <translation>The meeting has already taken place.</translation>
    </message>
    <message>
        <source>Cần thời điểm họp dạng ISO 8601 có múi giờ, ví dụ 2026-12-10T14:00:00+07:00.</source>
        <translation>The meeting time must be ISO 8601 with a time zone, for example 2026-12-10T14:00:00+07:00.</translation>
    </message>
    <message>
        <source>Cần một danh sách điểm danh.</source>
        <translation>A list of attendance entries is required.</translation>
    </message>
    <message>
        <source>Chỉ cán bộ cấp trên của chi bộ mới ghi nhận muộn một buổi sinh hoạt đã họp.</source>
        <translation>Only an officer over the cell can record late a meeting that was held.</translation>
    </message>
    <message>
        <source>Buổi sinh hoạt đã kết thúc: chỉ cán bộ cấp trên của chi bộ mới sửa được điểm danh, kèm lý do.</source>
        <translation>The meeting is closed: only an officer over the cell can correct its attendance, with a reason.</translation>
    </message>
</context>
<context>
    <name>AttachmentInspection</name>
    <message>
        <source>Tệp có quá nhiều chữ để kiểm tra (quá %L1 ký tự).</source>
        <translation>The file holds too much text to check (over %L1 characters).</translation>
    </message>
    <message>
        <source>Tệp DOCX giải nén ra quá lớn (quá %1 MB).</source>
        <translation>The DOCX file is too large once unpacked (over %1 MB).</translation>
    </message>
    <message>
        <source>Tệp DOCX có phần tử quá lớn để đọc (cần hơn %1 MB bộ nhớ).</source>
        <translation>The DOCX file has a part too large to read (it needs more than %1 MB of memory).</translation>
    </message>
    <message>
        <source>Đọc tệp DOCX quá thời gian cho phép (%1 giây).</source>
        <translation>Reading the DOCX file took longer than allowed (%1 seconds).</translation>
    </message>
    <message>
        <source>Không đọc được nội dung tệp DOCX (tệp hỏng hoặc không đúng định dạng).</source>
        <translation>Could not read the DOCX file&apos;s content (the file is damaged or not in the right format).</translation>
    </message>
    <message>
        <source>Không chạy được chương trình đọc tệp PDF (%1): %2</source>
        <translation>Could not run the PDF reading program (%1): %2</translation>
    </message>
    <message>
        <source>Máy chủ thiếu chương trình đọc tệp PDF (%1); hãy báo người quản trị.</source>
        <translation>The server lacks the PDF reading program (%1); please tell the administrator.</translation>
    </message>
    <message>
        <source>Đọc tệp PDF quá thời gian cho phép (%1 giây).</source>
        <translation>Reading the PDF file took longer than allowed (%1 seconds).</translation>
    </message>
    <message>
        <source>Không đọc được nội dung tệp PDF: tệp hỏng hoặc không phải PDF.</source>
        <translation>Could not read the PDF file&apos;s content: the file is damaged or not a PDF.</translation>
    </message>
    <message>
        <source>Tệp PDF có mật khẩu nên không kiểm tra được nội dung; hãy tải lên bản không đặt mật khẩu.</source>
        <translation>The PDF file is password-protected, so its content cannot be checked; upload a copy without a password.</translation>
    </message>
    <message>
        <source>Đọc tệp PDF cần quá nhiều bộ nhớ (quá %1 MB).</source>
        <translation>Reading the PDF file needs too much memory (over %1 MB).</translation>
    </message>
    <message>
        <source>Không đọc được nội dung tệp PDF (tệp hỏng hoặc có mật khẩu).</source>
        <translation>Could not read the PDF file&apos;s content (the file is damaged or password-protected).</translation>
    </message>
    <message>
        <source>Tệp ảnh không có lớp chữ để đọc.</source>
        <translation>An image file has no text layer to read.</translation>
    </message>
</context>
<context>
    <name>AuthService</name>
    <message>
        <source>Phiên làm việc đã hết hạn hoặc không hợp lệ. Xin đăng nhập lại.</source>
        <translation>Your session has expired or is not valid. Please sign in again.</translation>
    </message>
    <message>
        <source>Mật khẩu hiện tại không đúng.</source>
        <translation>The current password is wrong.</translation>
    </message>
    <message>
        <source>Máy chủ đang nhận quá nhiều yêu cầu đăng nhập. Xin thử lại sau ít giây.</source>
        <translation>The server is receiving too many sign-in requests. Please try again in a few seconds.</translation>
    </message>
    <message numerus="yes">
        <source>Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Xin thử lại sau %n phút.</source>
        <translation>
            <numerusform>Too many failed sign-ins from this network address. Please try again in %n minute.</numerusform>
            <numerusform>Too many failed sign-ins from this network address. Please try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tài khoản này đã bị đăng nhập sai nhiều lần. Xin thử lại sau %n phút.</source>
        <translation>
            <numerusform>There have been too many failed sign-ins to this account. Please try again in %n minute.</numerusform>
            <numerusform>There have been too many failed sign-ins to this account. Please try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tên đăng nhập hoặc mật khẩu không đúng.</source>
        <translation>The user name or password is incorrect.</translation>
    </message>
    <message>
        <source>Mật khẩu mới phải khác mật khẩu tạm thời mà bạn được cấp.</source>
        <translation>The new password must differ from the temporary password you were given.</translation>
    </message>
</context>
<context>
    <name>ClassificationStamp</name>
    <message>
        <source>Nội dung có dấu mật &quot;%1&quot; ở dòng %2: không được đăng tài liệu mật lên Sổ tay.</source>
        <translation>The content carries the classification stamp &quot;%1&quot; on line %2: classified material must not be published in Sổ tay.</translation>
    </message>
    <message>
        <source>Tệp đính kèm &quot;%3&quot; có dấu mật &quot;%1&quot; ở dòng %2: không được đăng tài liệu mật lên Sổ tay.</source>
        <translation>The attachment &quot;%3&quot; carries the classification stamp &quot;%1&quot; on line %2: classified material must not be published in Sổ tay.</translation>
    </message>
    <message>
        <source>Nội dung có dấu mật &quot;%1&quot; ở dòng %2 của trường %3: không được đăng tài liệu mật lên Sổ tay.</source>
        <translation>The content carries the classification stamp &quot;%1&quot; on line %2 of the field %3: classified material must not be published in Sổ tay.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>(trống)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>ContentJson</name>
    <message>
        <source>một đối tượng</source>
        <translation>an object</translation>
    </message>
    <message>
        <source>một mảng chuỗi</source>
        <translation>an array of strings</translation>
    </message>
    <message>
        <source>một mảng số</source>
        <translation>an array of numbers</translation>
    </message>
    <message>
        <source>số nguyên</source>
        <translation>a whole number</translation>
    </message>
    <message>
        <source>một mảng</source>
        <translation>an array</translation>
    </message>
    <message>
        <source>một mảng mã số tổ chức đảng</source>
        <translation>an array of party organisation IDs</translation>
    </message>
    <message>
        <source>Tổ chức có mã số %1 được chọn hai lần.</source>
        <translation>The organisation with ID %1 is chosen twice.</translation>
    </message>
    <message>
        <source>Bài kiểm tra đã lưu không đọc được.</source>
        <translation>The stored quiz cannot be read.</translation>
    </message>
    <message>
        <source>Không đổi được loại của bài đã tạo.</source>
        <translation>The kind of an item cannot change once it is created.</translation>
    </message>
    <message numerus="yes">
        <source>Dữ liệu bài chưa hợp lệ ở %n trường.</source>
        <translation>
            <numerusform>The item data is invalid in %n field.</numerusform>
            <numerusform>The item data is invalid in %n fields.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dữ liệu bài từ máy chủ không hợp lệ.</source>
        <translation>The item data from the server is not valid.</translation>
    </message>
</context>
<context>
    <name>ContentKind</name>
    <message>
        <source>Tin tức</source>
        <translation>News</translation>
    </message>
    <message>
        <source>Văn bản</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Bài học</source>
        <translation>Lesson</translation>
    </message>
    <message>
        <source>Chuyên đề sinh hoạt chi bộ</source>
        <translation>Cell meeting topic</translation>
    </message>
    <message>
        <source>Hỏi đáp nghiệp vụ</source>
        <translation>Guidance (Q&amp;A)</translation>
    </message>
</context>
<context>
    <name>ContentMarkup</name>
    <message>
        <source>Địa chỉ liên kết &quot;%1&quot; không hợp lệ.</source>
        <translation>The link address &quot;%1&quot; is not valid.</translation>
    </message>
    <message>
        <source>Địa chỉ liên kết &quot;%1&quot; không được phép: chỉ dùng địa chỉ bắt đầu bằng http://, https:// hoặc mailto:.</source>
        <translation>The link address &quot;%1&quot; is not allowed: use only addresses starting with http://, https:// or mailto:.</translation>
    </message>
    <message>
        <source>Liên kết chưa có chữ hiển thị và địa chỉ.</source>
        <translation>The link has neither text nor an address.</translation>
    </message>
    <message>
        <source>Liên kết &quot;%1&quot; chưa có địa chỉ.</source>
        <translation>The link &quot;%1&quot; has no address.</translation>
    </message>
    <message>
        <source>Liên kết tới &quot;%1&quot; chưa có chữ hiển thị.</source>
        <translation>The link to &quot;%1&quot; has no text to show.</translation>
    </message>
    <message>
        <source>Dòng tiêu đề chưa có chữ nào.</source>
        <translation>The heading has no text.</translation>
    </message>
    <message>
        <source>Nội dung dài %L1 ký tự, vượt quá giới hạn %L2 ký tự.</source>
        <translation>The content is %L1 characters long, over the limit of %L2 characters.</translation>
    </message>
</context>
<context>
    <name>ContentRepository</name>
    <message>
        <source>Bài đã được người khác sửa; hãy tải lại rồi sửa tiếp.</source>
        <translation>Someone else has changed this item; reload it, then carry on editing.</translation>
    </message>
    <message>
        <source>Không tìm thấy bài.</source>
        <translation>Item not found.</translation>
    </message>
    <message>
        <source>Có tổ chức nhận bài không còn hoạt động.</source>
        <translation>An organisation chosen to receive the item no longer exists.</translation>
    </message>
    <message>
        <source>Tổ chức có mã số %1 không còn hoạt động (đã sáp nhập, chia tách hoặc giải thể).</source>
        <translation>The organisation with ID %1 no longer exists (merged, split or dissolved).</translation>
    </message>
    <message numerus="yes">
        <source>Bài chưa hợp lệ ở %n trường.</source>
        <translation>
            <numerusform>The item is invalid in %n field.</numerusform>
            <numerusform>The item is invalid in %n fields.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bài đã lưu trữ không sửa được; hãy đăng lại trước khi sửa.</source>
        <translation>An archived item cannot be changed; publish it again before changing it.</translation>
    </message>
    <message>
        <source>Bài học đã đăng thì không sửa được bài kiểm tra (đảng viên đã có thể làm bài); hãy lưu trữ bài này và đăng một bài mới.</source>
        <translation>The quiz of a published lesson cannot change (members may already have taken it); archive this lesson and publish a new one.</translation>
    </message>
    <message>
        <source>Chỉ xóa được bản nháp; bài đã đăng thì hãy lưu trữ.</source>
        <translation>Only drafts can be deleted; archive a published item instead.</translation>
    </message>
    <message>
        <source>Bài đã được hẹn giờ đăng; muốn đổi giờ thì lưu trữ rồi đăng lại.</source>
        <translation>The item is already scheduled; to change the time, archive it and publish it again.</translation>
    </message>
    <message>
        <source>Bài đã được đăng.</source>
        <translation>The item is already published.</translation>
    </message>
    <message>
        <source>Giờ đăng đã qua.</source>
        <translation>The publication time has passed.</translation>
    </message>
    <message>
        <source>Giờ đăng không được ở quá khứ.</source>
        <translation>The publication time must not be in the past.</translation>
    </message>
    <message>
        <source>Không còn tổ chức nào nhận bài (các tổ chức đã chọn đã giải thể); hãy chọn lại nơi nhận.</source>
        <translation>No organisation is left to receive the item (those chosen have been dissolved); choose the recipients again.</translation>
    </message>
    <message>
        <source>Bản nháp chưa đăng nên không cần lưu trữ.</source>
        <translation>A draft has not been published, so it needs no archiving.</translation>
    </message>
    <message>
        <source>Bài đã được lưu trữ.</source>
        <translation>The item is already archived.</translation>
    </message>
    <message>
        <source>Bài đã lưu trữ: không thêm hay bỏ được tệp đính kèm; hãy đăng lại trước.</source>
        <translation>The item is archived: attachments cannot be added or removed; publish it again first.</translation>
    </message>
    <message>
        <source>Tên tệp không hợp lệ.</source>
        <translation>The file name is not valid.</translation>
    </message>
    <message>
        <source>Mỗi bài có tối đa %1 tệp đính kèm.</source>
        <translation>An item has at most %1 attachments.</translation>
    </message>
    <message>
        <source>Không tìm thấy tệp đính kèm.</source>
        <translation>Attachment not found.</translation>
    </message>
    <message>
        <source>Cần tên tệp, dài không quá 200 ký tự, không có ký tự ẩn.</source>
        <translation>A file name of at most 200 characters, without hidden characters, is required.</translation>
    </message>
</context>
<context>
    <name>ContentState</name>
    <message>
        <source>Bản nháp</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Hẹn giờ đăng</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>Đã đăng</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Đã lưu trữ</source>
        <translation>Archived</translation>
    </message>
</context>
<context>
    <name>ContentValidation</name>
    <message>
        <source>Trường này chỉ dùng cho %1, không dùng cho %2.</source>
        <translation>This field is used only for %1, not for %2.</translation>
    </message>
    <message>
        <source>Cần chọn loại văn bản.</source>
        <translation>Choose the document type.</translation>
    </message>
    <message>
        <source>Cần ngày ban hành.</source>
        <translation>The date of issue is required.</translation>
    </message>
    <message>
        <source>Ngày ban hành không được ở tương lai.</source>
        <translation>The date of issue must not be in the future.</translation>
    </message>
    <message>
        <source>Cần tháng sinh hoạt, dạng NNNN-TT (ví dụ 2026-03).</source>
        <translation>The meeting month is required, as YYYY-MM (for example 2026-03).</translation>
    </message>
    <message>
        <source>Điểm đạt là một số phần trăm từ 1 đến 100.</source>
        <translation>The pass mark is a percentage from 1 to 100.</translation>
    </message>
    <message>
        <source>Bài kiểm tra cần từ 1 đến %1 câu hỏi.</source>
        <translation>A quiz needs 1 to %1 questions.</translation>
    </message>
    <message>
        <source>Mỗi câu hỏi cần từ 2 đến %1 phương án.</source>
        <translation>Each question needs 2 to %1 options.</translation>
    </message>
    <message>
        <source>Phương án không được để trống.</source>
        <translation>An option must not be empty.</translation>
    </message>
    <message>
        <source>Hai phương án giống nhau.</source>
        <translation>Two options are the same.</translation>
    </message>
    <message>
        <source>Đáp án đúng phải là số thứ tự của một phương án (từ 0), mỗi phương án một lần.</source>
        <translation>A right answer must be the position of an option (from 0), each option at most once.</translation>
    </message>
    <message>
        <source>Cần ít nhất một đáp án đúng.</source>
        <translation>At least one right answer is required.</translation>
    </message>
    <message>
        <source>Cần chọn từ 1 đến %1 tổ chức đảng nhận bài.</source>
        <translation>Choose 1 to %1 party organisations to receive the item.</translation>
    </message>
    <message>
        <source>Dòng %1: %2</source>
        <translation>Line %1: %2</translation>
    </message>
</context>
<context>
    <name>DatabaseConfig</name>
    <message>
        <source>Địa chỉ cơ sở dữ liệu phải có dạng postgresql://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY:CỔNG/TÊN_CSDL.</source>
        <translation>The database address must have the form postgresql://USER:PASSWORD@HOST:PORT/DATABASE_NAME.</translation>
    </message>
    <message>
        <source>Địa chỉ cơ sở dữ liệu thiếu tên cơ sở dữ liệu.</source>
        <translation>The database address is missing the database name.</translation>
    </message>
</context>
<context>
    <name>DemoProvince</name>
    <message>
        <source>Không đọc được dữ liệu mẫu %1.</source>
        <translation>Could not read the demo data %1.</translation>
    </message>
    <message>
        <source>Hồ sơ đảng viên mẫu số %1 không hợp lệ (%2): đây là lỗi của bộ tạo dữ liệu mẫu.</source>
        <translation>Demo member record %1 is invalid (%2): this is a bug in the demo data generator.</translation>
    </message>
    <message numerus="yes">
        <source>Cơ sở dữ liệu đã có cây tổ chức đảng (%n tổ chức); chỉ tạo được tỉnh mẫu trên cơ sở dữ liệu trống.</source>
        <translation>
            <numerusform>The database already has a party organisation tree (%n unit); the demo province can only be created in an empty database.</numerusform>
            <numerusform>The database already has a party organisation tree (%n units); the demo province can only be created in an empty database.</numerusform>
        </translation>
    </message>
    <message>
        <source>Số đảng viên của tỉnh mẫu phải từ %1 đến %2.</source>
        <translation>The demo province must have between %1 and %2 members.</translation>
    </message>
    <message>
        <source>Ngày lập dữ liệu mẫu không được sau ngày hôm nay (%1).</source>
        <translation>The demo data date cannot be after today (%1).</translation>
    </message>
    <message>
        <source>Không dựng được cây tổ chức mẫu với số đảng viên này; hãy chọn số lớn hơn.</source>
        <translation>Could not build the demo organisation tree for this number of members; choose a larger number.</translation>
    </message>
    <message>
        <source>Chưa có tỉnh mẫu để tạo năm sinh hoạt.</source>
        <translation>There is no demo province to give a year of activity to yet.</translation>
    </message>
</context>
<context>
    <name>DocType</name>
    <message>
        <source>Nghị quyết</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Chỉ thị</source>
        <translation>Directive</translation>
    </message>
    <message>
        <source>Quy định</source>
        <translation>Regulation</translation>
    </message>
    <message>
        <source>Kết luận</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <source>Hướng dẫn</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <source>Thông báo</source>
        <translation>Notice</translation>
    </message>
</context>
<context>
    <name>FieldCipher</name>
    <message>
        <source>Không đủ bộ nhớ để tạo khóa từ mật khẩu.</source>
        <translation>Not enough memory to derive the key from the password.</translation>
    </message>
    <message>
        <source>Khóa đã lưu bị hỏng.</source>
        <translation>The stored key is damaged.</translation>
    </message>
    <message>
        <source>Mật khẩu này không mở được dữ liệu đã lưu trên máy.</source>
        <translation>This password does not open the data stored on this computer.</translation>
    </message>
    <message>
        <source>Một trường dữ liệu đã mã hóa bị hỏng hoặc bị thay đổi.</source>
        <translation>An encrypted field is damaged or has been altered.</translation>
    </message>
</context>
<context>
    <name>HandbookAccounts</name>
    <message>
        <source>Không tìm thấy đảng viên.</source>
        <translation>Member not found.</translation>
    </message>
    <message>
        <source>Đảng viên %1 không còn trong danh sách sinh hoạt nên không cấp mã kích hoạt.</source>
        <translation>%1 is no longer on a roster, so no activation code is issued.</translation>
    </message>
    <message>
        <source>Đảng viên %1 đã có tài khoản Sổ tay; nếu quên mật khẩu, hãy cấp mật khẩu tạm thời cho tài khoản đó.</source>
        <translation>%1 already has a handbook account; if the password is forgotten, give that account a temporary password.</translation>
    </message>
    <message>
        <source>Đảng viên %1 chưa có số thẻ đảng viên hay số lý lịch: hãy bổ sung vào hồ sơ trước khi cấp mã.</source>
        <translation>%1 has neither a card number nor a profile number: add one to the record before issuing a code.</translation>
    </message>
    <message>
        <source>Số %1 của đảng viên %2 trùng với một đảng viên khác trong danh sách: hãy sửa hồ sơ trước khi cấp mã.</source>
        <translation>The number %1 of %2 is also another member&apos;s on a roster: correct the records before issuing a code.</translation>
    </message>
    <message>
        <source>Số %1 đã là tên đăng nhập của một tài khoản khác: hãy liên hệ người quản trị.</source>
        <translation>The number %1 is already another account&apos;s user name: contact the administrator.</translation>
    </message>
    <message>
        <source>Chưa có số thẻ đảng viên hay số lý lịch.</source>
        <translation>No card number or profile number yet.</translation>
    </message>
    <message>
        <source>Tổ chức này có hơn %1 đảng viên cần cấp mã: hãy cấp theo từng tổ chức trực thuộc.</source>
        <translation>This organisation has more than %1 members awaiting a code: issue them for each subordinate organisation.</translation>
    </message>
    <message>
        <source>Số %1 trùng với người khác: hãy sửa hồ sơ.</source>
        <translation>The number %1 is also someone else&apos;s: correct the records.</translation>
    </message>
    <message>
        <source>Mã kích hoạt đã được dùng hoặc đã hết hạn.</source>
        <translation>The activation code has been used or has expired.</translation>
    </message>
    <message>
        <source>Đảng viên không còn trong danh sách sinh hoạt.</source>
        <translation>The member is no longer on a roster.</translation>
    </message>
</context>
<context>
    <name>JsonReader</name>
    <message>
        <source>Giá trị &quot;%1&quot; không hợp lệ.</source>
        <translation>The value &quot;%1&quot; is not valid.</translation>
    </message>
    <message>
        <source>Trường này là bắt buộc.</source>
        <translation>This field is required.</translation>
    </message>
    <message>
        <source>Kiểu dữ liệu sai: cần %1.</source>
        <translation>Wrong data type: expected %1.</translation>
    </message>
    <message>
        <source>chuỗi ký tự</source>
        <translation>a string</translation>
    </message>
    <message>
        <source>Dài quá %1 ký tự.</source>
        <translation>Longer than %1 characters.</translation>
    </message>
    <message>
        <source>Ngày không hợp lệ: cần một ngày có thật, dạng NNNN-TT-NN.</source>
        <translation>Invalid date: a real date in the form YYYY-MM-DD is expected.</translation>
    </message>
    <message>
        <source>true hoặc false</source>
        <translation>true or false</translation>
    </message>
    <message>
        <source>số nguyên dương</source>
        <translation>a positive whole number</translation>
    </message>
    <message>
        <source>Trường không được hỗ trợ.</source>
        <translation>This field is not supported.</translation>
    </message>
    <message>
        <source>Nội dung gửi lên không phải UTF-8 hợp lệ.</source>
        <translation>The uploaded content is not valid UTF-8.</translation>
    </message>
    <message>
        <source>JSON không hợp lệ ở vị trí %1: %2.</source>
        <translation>Invalid JSON at position %1: %2.</translation>
    </message>
    <message>
        <source>Nội dung gửi lên phải là một đối tượng JSON.</source>
        <translation>The uploaded content must be a JSON object.</translation>
    </message>
    <message>
        <source>Không được chứa ký tự điều khiển.</source>
        <translation>Must not contain control characters.</translation>
    </message>
</context>
<context>
    <name>MeetingRepository</name>
    <message>
        <source>Buổi sinh hoạt đã được người khác sửa; hãy tải lại rồi làm tiếp.</source>
        <translation>Someone else has changed this meeting; reload it, then carry on.</translation>
    </message>
    <message>
        <source>Không tìm thấy buổi sinh hoạt.</source>
        <translation>Meeting not found.</translation>
    </message>
    <message>
        <source>Cần ngày giờ sinh hoạt.</source>
        <translation>The meeting&apos;s date and time are required.</translation>
    </message>
    <message>
        <source>Không lên lịch cho ngày đã qua. Buổi đã họp mà chưa nhập kịp thì cán bộ cấp trên ghi nhận muộn, kèm lý do.</source>
        <translation>A meeting is not scheduled for a day already past. A meeting held but not entered in time is recorded late by an officer over the cell, with a reason.</translation>
    </message>
    <message>
        <source>Ghi nhận muộn chỉ dành cho buổi đã họp: thời điểm phải ở quá khứ.</source>
        <translation>A late record is for a meeting already held: its time must be in the past.</translation>
    </message>
    <message>
        <source>Cần địa điểm hoặc đường dẫn họp trực tuyến.</source>
        <translation>A place or an online meeting link is required.</translation>
    </message>
    <message>
        <source>Đường dẫn họp trực tuyến phải bắt đầu bằng https://.</source>
        <translation>The online meeting link must start with https://.</translation>
    </message>
    <message>
        <source>Buổi sinh hoạt phải thuộc một chi bộ đang hoạt động.</source>
        <translation>A meeting must belong to an active cell.</translation>
    </message>
    <message>
        <source>Chuyên đề phải là một chuyên đề sinh hoạt đã đăng.</source>
        <translation>The topic must be a published cell meeting topic.</translation>
    </message>
    <message>
        <source>Sửa điểm danh sau khi đã kết thúc buổi sinh hoạt cần ghi lý do.</source>
        <translation>Correcting the attendance of a closed meeting needs a reason.</translation>
    </message>
    <message>
        <source>Đảng viên có mã số %1 không sinh hoạt ở chi bộ này, hoặc được điểm danh hai lần.</source>
        <translation>The member with ID %1 is not in this cell, or is marked twice.</translation>
    </message>
    <message>
        <source>Chỉ đảng viên được miễn sinh hoạt mới ở trạng thái miễn, và họ luôn ở trạng thái đó.</source>
        <translation>Only members exempt from party activity are marked exempt, and they are always marked so.</translation>
    </message>
    <message>
        <source>Buổi sinh hoạt đã kết thúc.</source>
        <translation>The meeting is already closed.</translation>
    </message>
    <message>
        <source>Buổi sinh hoạt chưa đến giờ họp.</source>
        <translation>The meeting has not started yet.</translation>
    </message>
    <message>
        <source>Cần biên bản của buổi sinh hoạt.</source>
        <translation>The meeting&apos;s minutes are required.</translation>
    </message>
    <message numerus="yes">
        <source>Còn %n đảng viên chưa được điểm danh: %1.</source>
        <translation>
            <numerusform>%n member is not marked yet: %1.</numerusform>
            <numerusform>%n members are not marked yet: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Buổi sinh hoạt đã họp (đã kết thúc hoặc được ghi nhận muộn) nên không đổi lịch được.</source>
        <translation>The meeting has been held (closed or recorded late), so its schedule cannot change.</translation>
    </message>
</context>
<context>
    <name>MemberJson</name>
    <message numerus="yes">
        <source>Dữ liệu đảng viên chưa hợp lệ ở %n trường.</source>
        <translation>
            <numerusform>Invalid party member data in %n field.</numerusform>
            <numerusform>Invalid party member data in %n fields.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemberLabels</name>
    <message>
        <source>Họ</source>
        <translation>Family name</translation>
    </message>
    <message>
        <source>Tên đệm</source>
        <translation>Middle name</translation>
    </message>
    <message>
        <source>Tên</source>
        <translation>Given name</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Nơi sinh</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Quê quán</source>
        <translation>Home town</translation>
    </message>
    <message>
        <source>Dân tộc</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>Tôn giáo</source>
        <translation>Religion</translation>
    </message>
    <message>
        <source>Số CCCD</source>
        <translation>Citizen ID number</translation>
    </message>
    <message>
        <source>Số thẻ đảng viên</source>
        <translation>Party card number</translation>
    </message>
    <message>
        <source>Số lý lịch</source>
        <translation>Profile number</translation>
    </message>
    <message>
        <source>Ngày vào Đảng</source>
        <translation>Date of admission</translation>
    </message>
    <message>
        <source>Ngày chính thức</source>
        <translation>Date recognised as official</translation>
    </message>
    <message>
        <source>Miễn công tác và sinh hoạt</source>
        <translation>Exempt from duties and meetings</translation>
    </message>
    <message>
        <source>Miễn từ ngày</source>
        <translation>Exempt since</translation>
    </message>
    <message>
        <source>Ngày ra khỏi danh sách</source>
        <translation>Date left the roster</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Giáo dục phổ thông</source>
        <translation>General education</translation>
    </message>
    <message>
        <source>Chuyên môn, nghiệp vụ</source>
        <translation>Professional qualification</translation>
    </message>
    <message>
        <source>Lý luận chính trị</source>
        <translation>Political theory</translation>
    </message>
    <message>
        <source>Ngoại ngữ</source>
        <translation>Foreign language</translation>
    </message>
    <message>
        <source>Tin học</source>
        <translation>IT skills</translation>
    </message>
    <message>
        <source>Chi bộ</source>
        <translation>Party cell</translation>
    </message>
    <message>
        <source>Tên tổ chức</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <source>Số quyết định</source>
        <translation>Decision number</translation>
    </message>
    <message>
        <source>Ngày có hiệu lực</source>
        <translation>Effective date</translation>
    </message>
    <message>
        <source>Kết nạp</source>
        <translation>Admission</translation>
    </message>
    <message>
        <source>Công nhận đảng viên chính thức</source>
        <translation>Recognition as an official member</translation>
    </message>
    <message>
        <source>Miễn công tác và sinh hoạt đảng</source>
        <translation>Exemption from party duties and meetings</translation>
    </message>
    <message>
        <source>Thôi miễn công tác và sinh hoạt đảng</source>
        <translation>End of exemption from party duties and meetings</translation>
    </message>
    <message>
        <source>Chuyển sinh hoạt đến</source>
        <translation>Transfer in</translation>
    </message>
    <message>
        <source>Chuyển sinh hoạt đi</source>
        <translation>Transfer out</translation>
    </message>
    <message>
        <source>Phục hồi đảng tịch</source>
        <translation>Restoration of membership</translation>
    </message>
    <message>
        <source>Kết nạp lại</source>
        <translation>Readmission</translation>
    </message>
    <message>
        <source>Từ trần</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <source>Khai trừ</source>
        <translation>Expelled</translation>
    </message>
    <message>
        <source>Xóa tên</source>
        <translation>Struck off</translation>
    </message>
    <message>
        <source>Xin ra khỏi Đảng</source>
        <translation>Withdrew from the Party</translation>
    </message>
    <message>
        <source>Chuyển sinh hoạt ra ngoài tỉnh</source>
        <translation>Transferred out of the province</translation>
    </message>
    <message>
        <source>Chưa qua đào tạo</source>
        <translation>No training</translation>
    </message>
    <message>
        <source>Sơ cấp</source>
        <translation>Elementary</translation>
    </message>
    <message>
        <source>Trung cấp</source>
        <translation>Intermediate</translation>
    </message>
    <message>
        <source>Cao cấp</source>
        <translation>Advanced</translation>
    </message>
    <message>
        <source>Cử nhân</source>
        <translation>Bachelor</translation>
    </message>
    <message>
        <source>Chính thức</source>
        <translation>Official</translation>
    </message>
    <message>
        <source>Dự bị</source>
        <translation>Probationary</translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Loại đảng viên</source>
        <translation>Membership</translation>
    </message>
</context>
<context>
    <name>MemberRepository</name>
    <message>
        <source>Không tìm thấy đảng viên có mã số %1.</source>
        <translation>No party member with ID %1 was found.</translation>
    </message>
    <message>
        <source>Không tìm thấy tổ chức đảng có mã số %1.</source>
        <translation>No party organisation with ID %1 was found.</translation>
    </message>
    <message>
        <source>%1 - %2 đã kết thúc hoạt động.</source>
        <translation>%1 - %2 has ceased operating.</translation>
    </message>
    <message>
        <source>Đảng viên chỉ sinh hoạt tại chi bộ; %1 - %2 không phải chi bộ.</source>
        <translation>Party members can only be attached to a party cell; %1 - %2 is not a party cell.</translation>
    </message>
    <message>
        <source>Hồ sơ của đồng chí %1 đã được người khác sửa (phiên bản %2). Hãy tải lại rồi sửa tiếp.</source>
        <translation>The record of comrade %1 has been changed by someone else (version %2). Reload it, then continue editing.</translation>
    </message>
    <message>
        <source>Số dòng mỗi trang phải từ 1 đến 500.</source>
        <translation>The number of rows per page must be between 1 and 500.</translation>
    </message>
    <message>
        <source>Con trỏ phân trang không hợp lệ.</source>
        <translation>The pagination cursor is not valid.</translation>
    </message>
    <message>
        <source>Hồ sơ đảng viên mới chỉ bắt đầu bằng kết nạp hoặc chuyển sinh hoạt chính thức đến.</source>
        <translation>A new party member record can only begin with an admission or a permanent transfer in.</translation>
    </message>
    <message>
        <source>Ngày kết nạp phải trùng với ngày vào Đảng.</source>
        <translation>The admission date must be the same as the date of joining the Party.</translation>
    </message>
    <message>
        <source>Đơn vị nhận phải là chi bộ ghi trong hồ sơ.</source>
        <translation>The receiving unit must be the party cell given in the record.</translation>
    </message>
    <message>
        <source>Hồ sơ mới phải đang sinh hoạt tại chi bộ; các thay đổi sau đó ghi bằng sự kiện.</source>
        <translation>A new record must show the member as active in a party cell; later changes are recorded as events.</translation>
    </message>
    <message>
        <source>Trường này chỉ thay đổi qua một sự kiện (chuyển sinh hoạt, công nhận chính thức, miễn sinh hoạt, ...).</source>
        <translation>This field can only be changed through an event (transfer, recognition as an official member, exemption, ...).</translation>
    </message>
    <message numerus="yes">
        <source>Dữ liệu chưa hợp lệ ở %n trường.</source>
        <translation>
            <numerusform>Invalid data in %n field.</numerusform>
            <numerusform>Invalid data in %n fields.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ghi theo các ngày trong hồ sơ khi nhập đảng viên.</source>
        <translation>Recorded from the dates in the record when the member was entered.</translation>
    </message>
</context>
<context>
    <name>MemberRules</name>
    <message>
        <source>Đảng viên này không còn trong danh sách đảng viên nên không thể ghi sự kiện này.</source>
        <translation>This party member is no longer on the membership roster, so this event cannot be recorded.</translation>
    </message>
    <message>
        <source>Ngày trở lại danh sách đảng viên không được trước ngày ra khỏi danh sách (%1).</source>
        <translation>The date of returning to the membership roster cannot be before the date of leaving it (%1).</translation>
    </message>
    <message>
        <source>Đảng viên này đã có hồ sơ nên không thể kết nạp lần nữa; nếu đã ra khỏi Đảng thì ghi kết nạp lại.</source>
        <translation>This party member already has a record and cannot be admitted again; if they have left the Party, record a readmission.</translation>
    </message>
    <message>
        <source>Đảng viên này đã là đảng viên chính thức.</source>
        <translation>This party member is already an official party member.</translation>
    </message>
    <message>
        <source>Đảng viên này chưa có ngày vào Đảng nên chưa thể công nhận chính thức.</source>
        <translation>This party member has no date of joining the Party yet, so cannot be recognised as an official member.</translation>
    </message>
    <message>
        <source>Ngày công nhận chính thức phải sau ngày vào Đảng ít nhất 12 tháng (sớm nhất là %1).</source>
        <translation>The date of recognition as an official member must be at least 12 months after the date of joining the Party (%1 at the earliest).</translation>
    </message>
    <message>
        <source>Đảng viên này đang được miễn công tác và sinh hoạt đảng.</source>
        <translation>This party member is already exempt from party work and meetings.</translation>
    </message>
    <message>
        <source>Đảng viên này không được miễn công tác và sinh hoạt đảng nên không thể ghi thôi miễn.</source>
        <translation>This party member is not exempt from party work and meetings, so the end of an exemption cannot be recorded.</translation>
    </message>
    <message>
        <source>Ngày thôi miễn không được trước ngày bắt đầu miễn (%1).</source>
        <translation>The exemption end date cannot be before the exemption start date (%1).</translation>
    </message>
    <message>
        <source>Tổ chức đảng nơi chuyển đến không hợp lệ.</source>
        <translation>The destination party organisation is not valid.</translation>
    </message>
    <message>
        <source>Tổ chức đảng nơi chuyển đến phải khác tổ chức đảng đang quản lý đảng viên.</source>
        <translation>The destination party organisation must be different from the party organisation that currently manages the party member.</translation>
    </message>
    <message>
        <source>Đảng viên này đang sinh hoạt tạm thời ở nơi khác; hãy ghi chuyển về trước khi chuyển sinh hoạt tạm thời lần nữa.</source>
        <translation>This party member is on a temporary transfer elsewhere; record the return before recording another temporary transfer.</translation>
    </message>
    <message>
        <source>Đảng viên này không đang sinh hoạt tạm thời ở nơi khác nên không thể ghi chuyển về.</source>
        <translation>This party member is not on a temporary transfer elsewhere, so a return cannot be recorded.</translation>
    </message>
    <message>
        <source>Chỉ ghi chuyển đến cho đảng viên mới từ ngoài tỉnh hoặc đảng viên đã chuyển sinh hoạt ra ngoài tỉnh nay trở về.</source>
        <translation>A transfer in can only be recorded for a new party member from outside the province, or for a party member who transferred out of the province and is now returning.</translation>
    </message>
    <message>
        <source>Chỉ phục hồi đảng tịch cho người đã bị khai trừ hoặc bị xóa tên.</source>
        <translation>Party membership can only be restored for someone who was expelled or struck off.</translation>
    </message>
    <message>
        <source>Chỉ kết nạp lại người đã bị khai trừ, bị xóa tên hoặc đã xin ra khỏi Đảng.</source>
        <translation>Only someone who was expelled, struck off or withdrew from the Party can be readmitted.</translation>
    </message>
    <message>
        <source>Ngày của sự kiện không được để trống.</source>
        <translation>The event date cannot be empty.</translation>
    </message>
    <message>
        <source>Ngày của sự kiện không được trước ngày vào Đảng (%1).</source>
        <translation>The event date cannot be before the date of joining the Party (%1).</translation>
    </message>
    <message>
        <source>Loại sự kiện không hợp lệ.</source>
        <translation>The event type is not valid.</translation>
    </message>
</context>
<context>
    <name>MemberValidation</name>
    <message>
        <source>Họ của đảng viên không được để trống.</source>
        <translation>The party member&apos;s family name cannot be empty.</translation>
    </message>
    <message>
        <source>Tên của đảng viên không được để trống.</source>
        <translation>The party member&apos;s given name cannot be empty.</translation>
    </message>
    <message>
        <source>Ngày sinh không được để trống.</source>
        <translation>The date of birth cannot be empty.</translation>
    </message>
    <message>
        <source>Ngày sinh không được sau ngày hôm nay (%1).</source>
        <translation>The date of birth cannot be after today (%1).</translation>
    </message>
    <message>
        <source>Ngày sinh không được trước ngày %1.</source>
        <translation>The date of birth cannot be before %1.</translation>
    </message>
    <message>
        <source>Ngày vào Đảng không được để trống.</source>
        <translation>The date of joining the Party cannot be empty.</translation>
    </message>
    <message>
        <source>Ngày vào Đảng không được sau ngày hôm nay (%1).</source>
        <translation>The date of joining the Party cannot be after today (%1).</translation>
    </message>
    <message>
        <source>Đảng viên phải đủ 18 tuổi khi vào Đảng (ngày vào Đảng sớm nhất là %1).</source>
        <translation>A party member must be at least 18 years old when joining the Party (the earliest possible date of joining is %1).</translation>
    </message>
    <message>
        <source>Đảng viên chính thức phải có ngày chính thức.</source>
        <translation>An official party member must have an official membership date.</translation>
    </message>
    <message>
        <source>Đảng viên dự bị chưa có ngày chính thức, nên ô này phải để trống.</source>
        <translation>A probationary party member has no official membership date yet, so this field must be left empty.</translation>
    </message>
    <message>
        <source>Ngày chính thức không được sau ngày hôm nay (%1).</source>
        <translation>The official membership date cannot be after today (%1).</translation>
    </message>
    <message>
        <source>Ngày chính thức phải sau ngày vào Đảng ít nhất 12 tháng (sớm nhất là %1).</source>
        <translation>The official membership date must be at least 12 months after the date of joining the Party (%1 at the earliest).</translation>
    </message>
    <message>
        <source>Đảng viên được miễn công tác và sinh hoạt đảng phải có ngày bắt đầu miễn.</source>
        <translation>A party member who is exempt from party work and meetings must have an exemption start date.</translation>
    </message>
    <message>
        <source>Ngày bắt đầu miễn công tác và sinh hoạt đảng không được sau ngày hôm nay (%1).</source>
        <translation>The start date of the exemption from party work and meetings cannot be after today (%1).</translation>
    </message>
    <message>
        <source>Ngày bắt đầu miễn công tác và sinh hoạt đảng không được trước ngày vào Đảng (%1).</source>
        <translation>The start date of the exemption from party work and meetings cannot be before the date of joining the Party (%1).</translation>
    </message>
    <message>
        <source>Đã ghi lý do ra khỏi danh sách đảng viên thì phải ghi cả ngày ra khỏi danh sách.</source>
        <translation>When a reason for leaving the membership roster is given, the date of leaving must be given too.</translation>
    </message>
    <message>
        <source>Đã ghi ngày ra khỏi danh sách đảng viên thì phải ghi cả lý do.</source>
        <translation>When a date of leaving the membership roster is given, the reason must be given too.</translation>
    </message>
    <message>
        <source>Ngày ra khỏi danh sách đảng viên không được sau ngày hôm nay (%1).</source>
        <translation>The date of leaving the membership roster cannot be after today (%1).</translation>
    </message>
    <message>
        <source>Ngày ra khỏi danh sách đảng viên không được trước ngày vào Đảng (%1).</source>
        <translation>The date of leaving the membership roster cannot be before the date of joining the Party (%1).</translation>
    </message>
    <message>
        <source>Phải chọn tổ chức đảng quản lý đảng viên.</source>
        <translation>The party organisation that manages the party member must be chosen.</translation>
    </message>
    <message>
        <source>Số căn cước công dân phải gồm đúng 12 chữ số.</source>
        <translation>The citizen ID number must consist of exactly 12 digits.</translation>
    </message>
    <message>
        <source>Số thẻ đảng viên phải có dạng NN.NNNNNN (2 chữ số, dấu chấm, 6 chữ số), ví dụ 01.000123.</source>
        <translation>The party card number must have the form NN.NNNNNN (2 digits, a dot, 6 digits), for example 01.000123.</translation>
    </message>
    <message>
        <source>Số lý lịch phải có dạng NNNNNN-XX (6 chữ số, dấu gạch ngang, 2 chữ cái in hoa), ví dụ 012345-ĐN.</source>
        <translation>The profile number must have the form NNNNNN-XX (6 digits, a hyphen, 2 capital letters), for example 012345-ĐN.</translation>
    </message>
    <message>
        <source>Ngày của sự kiện không được để trống.</source>
        <translation>The event date cannot be empty.</translation>
    </message>
    <message>
        <source>Ngày của sự kiện không được sau ngày hôm nay (%1).</source>
        <translation>The event date cannot be after today (%1).</translation>
    </message>
    <message>
        <source>Ngày của sự kiện không được trước ngày vào Đảng (%1).</source>
        <translation>The event date cannot be before the date of joining the Party (%1).</translation>
    </message>
    <message>
        <source>Sự kiện này phải ghi số quyết định.</source>
        <translation>This event requires a decision number.</translation>
    </message>
</context>
<context>
    <name>OrgJson</name>
    <message>
        <source>Dữ liệu tổ chức đảng từ máy chủ không hợp lệ.</source>
        <translation>The party organisation data from the server is invalid.</translation>
    </message>
</context>
<context>
    <name>OrgKind</name>
    <message>
        <source>Đảng bộ tỉnh</source>
        <translation>Provincial party committee</translation>
    </message>
    <message>
        <source>Đảng bộ trực thuộc Tỉnh ủy</source>
        <translation>Party committee under the Provincial Party Committee</translation>
    </message>
    <message>
        <source>Đảng bộ cơ sở</source>
        <translation>Grassroots party committee</translation>
    </message>
    <message>
        <source>Chi bộ cơ sở</source>
        <translation>Grassroots party cell</translation>
    </message>
    <message>
        <source>Đảng bộ bộ phận</source>
        <translation>Section party committee</translation>
    </message>
    <message>
        <source>Chi bộ trực thuộc</source>
        <translation>Subordinate party cell</translation>
    </message>
    <message>
        <source>Tổ đảng</source>
        <translation>Party group</translation>
    </message>
</context>
<context>
    <name>OrgRepository</name>
    <message>
        <source>Không tìm thấy tổ chức đảng có mã số %1.</source>
        <translation>No party organisation with ID %1 was found.</translation>
    </message>
    <message>
        <source>%1 đã kết thúc hoạt động từ ngày %2.</source>
        <translation>%1 ceased operating on %2.</translation>
    </message>
    <message>
        <source>Ngày hiệu lực không được trước ngày %1, ngày thay đổi gần nhất của các tổ chức liên quan.</source>
        <translation>The effective date cannot be before %1, the date of the latest change to the organisations involved.</translation>
    </message>
    <message>
        <source>Mã đơn vị %1 đã được dùng cho %2.</source>
        <translation>Unit code %1 is already used for %2.</translation>
    </message>
    <message>
        <source>Không có loại hình cơ sở có mã số %1.</source>
        <translation>There is no grassroots organisation category with ID %1.</translation>
    </message>
    <message>
        <source>Cây tổ chức đã có gốc là %1.</source>
        <translation>The organisation tree already has a root: %1.</translation>
    </message>
    <message>
        <source>Ngày hiệu lực không được trước ngày thành lập của %1 (%2).</source>
        <translation>The effective date cannot be before the founding date of %1 (%2).</translation>
    </message>
    <message>
        <source>Tên mới trùng với tên hiện tại.</source>
        <translation>The new name is the same as the current name.</translation>
    </message>
    <message>
        <source>Không thể chuyển Đảng bộ tỉnh.</source>
        <translation>The provincial party committee cannot be moved.</translation>
    </message>
    <message>
        <source>Không thể chuyển %1 vào chính nó hoặc tổ chức trực thuộc nó.</source>
        <translation>%1 cannot be moved into itself or into one of its sub-organisations.</translation>
    </message>
    <message>
        <source>%1 đã trực thuộc %2.</source>
        <translation>%1 is already under %2.</translation>
    </message>
    <message>
        <source>%1 không thể trực thuộc %2.</source>
        <translation>%1 cannot be placed under %2.</translation>
    </message>
    <message>
        <source>Không thể sáp nhập Đảng bộ tỉnh.</source>
        <translation>The provincial party committee cannot be merged.</translation>
    </message>
    <message>
        <source>Không thể sáp nhập %1 vào chính nó hoặc tổ chức trực thuộc nó.</source>
        <translation>%1 cannot be merged into itself or into one of its sub-organisations.</translation>
    </message>
    <message>
        <source>Không thể chia tách Đảng bộ tỉnh.</source>
        <translation>The provincial party committee cannot be split.</translation>
    </message>
    <message>
        <source>Chia tách cần ít nhất hai tổ chức mới.</source>
        <translation>A split needs at least two new organisations.</translation>
    </message>
    <message>
        <source>Mã đơn vị %1 bị trùng giữa các tổ chức mới.</source>
        <translation>Unit code %1 is used by more than one of the new organisations.</translation>
    </message>
    <message>
        <source>Tổ chức có mã số %1 không trực thuộc %2 hoặc đã được giao cho tổ chức khác.</source>
        <translation>The organisation with ID %1 is not under %2 or has already been assigned to another organisation.</translation>
    </message>
    <message>
        <source>Đảng viên có mã số %1 không thuộc %2 hoặc đã được giao cho tổ chức khác.</source>
        <translation>The party member with ID %1 does not belong to %2 or has already been assigned to another organisation.</translation>
    </message>
    <message>
        <source>%1 không có danh sách đảng viên.</source>
        <translation>%1 has no membership roster.</translation>
    </message>
    <message>
        <source>Không thể giải thể Đảng bộ tỉnh.</source>
        <translation>The provincial party committee cannot be dissolved.</translation>
    </message>
    <message>
        <source>Chưa thể giải thể %1: còn %2 tổ chức trực thuộc và %3 đảng viên. Hãy chuyển hoặc sáp nhập trước.</source>
        <translation>%1 cannot be dissolved yet: sub-organisations remaining: %2; party members remaining: %3. Move or merge them first.</translation>
    </message>
    <message numerus="yes">
        <source>Dữ liệu chưa hợp lệ ở %n trường.</source>
        <translation>
            <numerusform>Invalid data in %n field.</numerusform>
            <numerusform>Invalid data in %n fields.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 không có danh sách đảng viên để nhận %n đảng viên.</source>
        <translation>
            <numerusform>%1 has no membership roster to receive %n party member.</numerusform>
            <numerusform>%1 has no membership roster to receive %n party members.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Còn %n tổ chức trực thuộc chưa được giao cho tổ chức mới.</source>
        <translation>
            <numerusform>%n sub-organisation has not yet been assigned to a new organisation.</numerusform>
            <numerusform>%n sub-organisations have not yet been assigned to a new organisation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Còn %n đảng viên chưa được giao cho tổ chức mới.</source>
        <translation>
            <numerusform>%n party member has not yet been assigned to a new organisation.</numerusform>
            <numerusform>%n party members have not yet been assigned to a new organisation.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 đã được người khác thay đổi (phiên bản %2). Hãy tải lại rồi làm tiếp.</source>
        <translation>%1 has been changed by someone else (version %2). Reload it and try again.</translation>
    </message>
</context>
<context>
    <name>OrgRules</name>
    <message>
        <source>Tên tổ chức đảng không được để trống.</source>
        <translation>The party organisation name cannot be empty.</translation>
    </message>
    <message>
        <source>Tên tổ chức đảng dài quá 200 ký tự.</source>
        <translation>The party organisation name is longer than 200 characters.</translation>
    </message>
    <message>
        <source>Mã đơn vị không được để trống.</source>
        <translation>The unit code cannot be empty.</translation>
    </message>
    <message>
        <source>Mã đơn vị dài quá 40 ký tự.</source>
        <translation>The unit code is longer than 40 characters.</translation>
    </message>
    <message>
        <source>Chỉ Đảng bộ tỉnh mới không có tổ chức cấp trên.</source>
        <translation>Only the provincial party committee has no parent organisation.</translation>
    </message>
    <message>
        <source>%1 không thể trực thuộc %2.</source>
        <translation>%1 cannot be placed under %2.</translation>
    </message>
    <message>
        <source>Cần nhập số quyết định.</source>
        <translation>The decision number is required.</translation>
    </message>
    <message>
        <source>Cần nhập ngày hiệu lực của quyết định.</source>
        <translation>The effective date of the decision is required.</translation>
    </message>
    <message>
        <source>Ngày hiệu lực không được ở tương lai.</source>
        <translation>The effective date cannot be in the future.</translation>
    </message>
</context>
<context>
    <name>OutboxDescription</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Sự kiện</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Sửa hồ sơ %1</source>
        <translation>Correct the record of %1</translation>
    </message>
    <message>
        <source>Thêm tổ chức %1</source>
        <translation>Add organisation %1</translation>
    </message>
    <message>
        <source>Chuyển %1 sang nơi trực thuộc khác</source>
        <translation>Move %1 under another organisation</translation>
    </message>
    <message>
        <source>Hợp nhất %1</source>
        <translation>Merge %1</translation>
    </message>
    <message>
        <source>Giải thể %1</source>
        <translation>Dissolve %1</translation>
    </message>
    <message>
        <source>Đổi tên %1 thành %2</source>
        <translation>Rename %1 to %2</translation>
    </message>
    <message>
        <source>Thêm đảng viên %1</source>
        <translation>Add party member %1</translation>
    </message>
</context>
<context>
    <name>PasswordHasher</name>
    <message>
        <source>Máy chủ đang bận xử lý đăng nhập, xin thử lại sau ít giây.</source>
        <translation>The server is busy with sign-ins; please try again in a few seconds.</translation>
    </message>
    <message>
        <source>Không đủ bộ nhớ để mã hóa mật khẩu.</source>
        <translation>Not enough memory to hash the password.</translation>
    </message>
    <message>
        <source>Mật khẩu phải dài ít nhất 10 ký tự.</source>
        <translation>The password must be at least 10 characters long.</translation>
    </message>
    <message>
        <source>Mật khẩu dài quá 200 ký tự.</source>
        <translation>The password is longer than 200 characters.</translation>
    </message>
    <message>
        <source>Mật khẩu không được chỉ gồm khoảng trắng.</source>
        <translation>The password cannot consist of spaces only.</translation>
    </message>
</context>
<context>
    <name>QuizGrading</name>
    <message>
        <source>Mỗi câu trả lời gồm question (số câu) và chosen (các phương án chọn).</source>
        <translation>Each answer has question (the question&apos;s number) and chosen (the options chosen).</translation>
    </message>
    <message>
        <source>Bài kiểm tra không có câu %1.</source>
        <translation>The quiz has no question %1.</translation>
    </message>
    <message>
        <source>Câu %1 được trả lời hai lần.</source>
        <translation>Question %1 is answered twice.</translation>
    </message>
    <message>
        <source>Câu %1 không có phương án đã chọn, hoặc một phương án được chọn hai lần.</source>
        <translation>Question %1 has no such option, or an option is chosen twice.</translation>
    </message>
</context>
<context>
    <name>RefusedEditResend</name>
    <message>
        <source>Sửa rồi gửi lại</source>
        <translation>Correct and resend</translation>
    </message>
    <message>
        <source>Chi bộ của đảng viên mới này không có trên cây tổ chức hôm nay. Hãy chọn chi bộ đảng viên sinh hoạt rồi thêm lại (Ctrl+N), sau đó bỏ sửa đổi này.</source>
        <translation>The cell of this new member is not on today&apos;s organisation tree. Choose the cell the member belongs to and add the member again (Ctrl+N), then drop this edit.</translation>
    </message>
    <message>
        <source>Máy chủ đã không nhận thao tác này và không nêu lý do. Hãy kiểm tra lại rồi ghi để gửi lại.</source>
        <translation>The server did not accept this operation and gave no reason. Check it, then save to send it again.</translation>
    </message>
    <message>
        <source>Máy chủ đã không nhận thao tác này: %1 Hãy xử lý điều đó hoặc sửa lại rồi ghi để gửi lại.</source>
        <translation>The server did not accept this operation: %1 Deal with that or correct the operation, then save to send it again.</translation>
    </message>
    <message>
        <source>Không mở lại được sửa đổi này để sửa. Hãy làm lại việc đó từ cửa sổ chính, rồi bỏ sửa đổi này.</source>
        <translation>This edit cannot be reopened for correction. Do it again from the main window, then drop this edit.</translation>
    </message>
    <message>
        <source>Cây tổ chức đang hiện một ngày trong quá khứ. Bỏ chọn &quot;Cây tại ngày&quot; rồi chọn lại &quot;Sửa rồi gửi lại&quot;.</source>
        <translation>The organisation tree shows a past day. Untick &quot;Tree on date&quot;, then choose &quot;Correct and resend&quot; again.</translation>
    </message>
    <message>
        <source>Tổ chức đảng của thao tác này không còn trên cây tổ chức hôm nay nên không làm lại được. Nếu việc này không còn cần, hãy bỏ sửa đổi này.</source>
        <translation>The party organisation of this operation is no longer on today&apos;s organisation tree, so the operation cannot be done again. If it is no longer needed, drop this edit.</translation>
    </message>
    <message>
        <source>Không ghi được</source>
        <translation>Could not record</translation>
    </message>
</context>
<context>
    <name>Replica</name>
    <message>
        <source>Không còn sửa đổi này trong danh sách chờ gửi.</source>
        <translation>This edit is no longer among the edits waiting to be sent.</translation>
    </message>
    <message>
        <source>Sửa đổi bị từ chối này không còn trong danh sách (đã được bỏ hoặc gửi lại).</source>
        <translation>This refused edit is no longer in the list (it was dropped or sent again).</translation>
    </message>
    <message>
        <source>Khóa dữ liệu lưu trên máy này bị hỏng.</source>
        <translation>The data key stored on this computer is damaged.</translation>
    </message>
    <message>
        <source>Dữ liệu trên máy chưa được mở khóa.</source>
        <translation>The data on this computer has not been unlocked.</translation>
    </message>
    <message>
        <source>Không đổi được tên tệp dữ liệu %1 thành %2.</source>
        <translation>Could not rename the data file %1 to %2.</translation>
    </message>
    <message>
        <source>Mật khẩu này không mở được bản dữ liệu cũ. Hãy nhập mật khẩu bạn dùng trước khi đổi.</source>
        <translation>This password does not open the old copy of the data. Type the password you used before it changed.</translation>
    </message>
    <message>
        <source>Không xóa được tệp %1.</source>
        <translation>Could not delete the file %1.</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Một số trường dữ liệu đã mã hóa trên máy này bị hỏng hoặc bị thay đổi, nên không mở được. Hãy đồng bộ lại với máy chủ.</source>
        <translation>Some encrypted fields on this computer are damaged or have been altered and cannot be opened. Please synchronise with the server again.</translation>
    </message>
</context>
<context>
    <name>ServerAddress</name>
    <message>
        <source>Địa chỉ máy chủ &quot;%1&quot; không hợp lệ; ví dụ đúng: https://sotay.example.vn hoặc http://127.0.0.1:8080</source>
        <translation>The server address &quot;%1&quot; is not valid; valid examples: https://sotay.example.vn or http://127.0.0.1:8080</translation>
    </message>
    <message>
        <source>Không kết nối tới %1 vì địa chỉ này dùng http, không mã hoá: mật khẩu và dữ liệu cá nhân của đảng viên sẽ đi qua mạng ở dạng ai trên đường truyền cũng đọc được. Hãy dùng địa chỉ https:// của máy chủ. Chỉ khi máy chủ chưa có https và mạng này tin cậy được, mới cho phép kết nối không mã hoá tới máy chủ này (ô đánh dấu trong hộp đăng nhập, hoặc --allow-insecure-http trên dòng lệnh).</source>
        <translation>Not connecting to %1 because this address uses http, which is not encrypted: passwords and the members&apos; personal data would cross the network where anyone along the way could read them. Use the server&apos;s https:// address. Only if the server has no https yet and this network can be trusted, allow unencrypted connections to this server (the tick box in the sign-in dialog, or --allow-insecure-http on the command line).</translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>Địa chỉ lắng nghe &quot;%1&quot; phải có dạng MÁY:CỔNG, ví dụ 127.0.0.1:8080.</source>
        <translation>The listen address &quot;%1&quot; must have the form HOST:PORT, for example 127.0.0.1:8080.</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Máy này chưa có dữ liệu của tài khoản %1 trên máy chủ %2. Lần đăng nhập đầu tiên phải có kết nối tới máy chủ; sau đó mới làm việc ngoại tuyến được.</source>
        <translation>This computer has no data yet for the account %1 on the server %2. The first sign-in needs a connection to the server; after that you can work offline.</translation>
    </message>
    <message>
        <source>Mật khẩu không khớp với mật khẩu của lần đăng nhập trước trên máy này, nên không mở được dữ liệu ngoại tuyến.</source>
        <translation>The password does not match the one used at the last sign-in on this computer, so the offline data cannot be opened.</translation>
    </message>
    <message>
        <source>Không mở được dữ liệu trên máy này: %1</source>
        <translation>Could not open the data on this computer: %1</translation>
    </message>
    <message>
        <source>Dữ liệu trên máy này được khóa bằng mật khẩu cũ của tài khoản (mật khẩu đã được đổi ở máy khác hoặc được quản trị viên cấp lại), nên mật khẩu mới không mở được. Bảng điều khiển sẽ tải lại dữ liệu từ máy chủ. Bản cũ, cùng các sửa đổi chưa gửi trong đó, được giữ nguyên trong tệp:
%1</source>
        <translation>The data on this computer is locked with the account&apos;s old password (it was changed on another computer or reset by an administrator), so the new password cannot open it. The console will download the data from the server again. The old copy, with the edits not yet sent in it, is kept unchanged in the file:
%1</translation>
    </message>
</context>
<context>
    <name>SotayServer</name>
    <message>
        <source>Không mở được cổng %1:%2: %3</source>
        <translation>Could not open port %1:%2: %3</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu chưa có tài khoản nào. Hãy đặt mật khẩu cho tài khoản quản trị &quot;admin&quot; trong biến môi trường SOTAY_ADMIN_PASSWORD rồi khởi động lại.</source>
        <translation>The database has no account yet. Set the password of the administrator account &quot;admin&quot; in the environment variable SOTAY_ADMIN_PASSWORD and start again.</translation>
    </message>
    <message>
        <source>Đang tạo tỉnh mẫu, xin chờ trong giây lát...</source>
        <translation>Creating the demo province, please wait a moment...</translation>
    </message>
    <message>
        <source>Đã tạo tỉnh mẫu: %1 tổ chức đảng, %2 đảng viên.</source>
        <translation>Demo province created: %1 party organisations, %2 party members.</translation>
    </message>
    <message>
        <source>Đang tạo tỉnh mẫu: %1 / %2 đảng viên</source>
        <translation>Creating the demo province: %1 / %2 party members</translation>
    </message>
    <message>
        <source>Không dùng được %1 cho HTTPS: %2</source>
        <translation>Cannot use %1 for HTTPS: %2</translation>
    </message>
    <message>
        <source>không đọc được tệp.</source>
        <translation>the file cannot be read.</translation>
    </message>
    <message>
        <source>Đang tạo một năm sinh hoạt của tỉnh mẫu: ngày %1 / %2</source>
        <translation>Creating the demo province&apos;s year of activity: day %1 of %2</translation>
    </message>
    <message>
        <source>Đã tạo một năm sinh hoạt: %1 tài khoản sổ tay, %2 lượt đọc, %3 lượt học, %4 lượt làm bài kiểm tra, %5 buổi sinh hoạt chi bộ đã họp, %6 lượt điểm danh.</source>
        <translation>Created a year of activity: %1 handbook accounts, %2 items opened, %3 lessons studied, %4 quiz attempts, %5 cell meetings held, %6 attendance marks.</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>Thiếu trình điều khiển cơ sở dữ liệu %1 của Qt.</source>
        <translation>The Qt database driver %1 is missing.</translation>
    </message>
    <message>
        <source>Không tạo được thư mục %1.</source>
        <translation>Could not create the folder %1.</translation>
    </message>
    <message>
        <source>Không mở được cơ sở dữ liệu %1: %2</source>
        <translation>Could not open the database %1: %2</translation>
    </message>
    <message>
        <source>Không đọc được tệp nâng cấp %1.</source>
        <translation>Could not read the database upgrade file %1.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu ở phiên bản %1, mới hơn phiên bản %2 mà chương trình này biết. Hãy cập nhật chương trình.</source>
        <translation>The database is at version %1, which is newer than version %2, the newest this program knows. Please update the program.</translation>
    </message>
    <message>
        <source>Lỗi cơ sở dữ liệu, thao tác chưa được thực hiện.</source>
        <translation>Database error; the operation was not carried out.</translation>
    </message>
    <message>
        <source>Không đặt được quyền riêng của chủ sở hữu cho %1.</source>
        <translation>Could not make %1 private to its owner.</translation>
    </message>
    <message>
        <source>Không tạo được tệp %1: %2</source>
        <translation>Could not create the file %1: %2</translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <source>Phiên làm việc đã hết hạn. Xin đăng nhập lại; các thay đổi chưa gửi vẫn được giữ.</source>
        <translation>Your session has expired. Please sign in again; unsent changes are kept.</translation>
    </message>
    <message>
        <source>Đã hủy.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>Đang tải cây tổ chức</source>
        <translation>Downloading the organisation tree</translation>
    </message>
    <message>
        <source>Đang tải danh sách đảng viên</source>
        <translation>Downloading the membership rosters</translation>
    </message>
    <message>
        <source>Đang cập nhật thay đổi</source>
        <translation>Applying changes</translation>
    </message>
    <message>
        <source>Dữ liệu trên máy chưa được mở khóa bằng mật khẩu, nên không đồng bộ được. Xin đăng nhập lại.</source>
        <translation>The data on this computer has not been unlocked with the password, so it cannot be synchronised. Please sign in again.</translation>
    </message>
    <message>
        <source>Đang tải tin bài, văn bản</source>
        <translation>Loading news, documents and lessons</translation>
    </message>
    <message>
        <source>Đang tải số liệu tham gia</source>
        <translation>Loading participation figures</translation>
    </message>
</context>
<context>
    <name>TlsContext</name>
    <message>
        <source>Không dùng được tệp chứng chỉ CA %1: %2 Hãy chọn tệp chứng chỉ gốc (CA) do bộ phận công nghệ thông tin cấp (tệp .pem hoặc .crt dạng PEM).</source>
        <translation>The CA certificate file %1 cannot be used: %2 Choose the root certificate (CA) file the IT office gave you (a .pem or .crt file in PEM form).</translation>
    </message>
    <message>
        <source>tệp không tồn tại.</source>
        <translation>the file does not exist.</translation>
    </message>
    <message>
        <source>đây là một thư mục, không phải một tệp.</source>
        <translation>this is a folder, not a file.</translation>
    </message>
    <message>
        <source>không có quyền đọc tệp.</source>
        <translation>you may not read the file.</translation>
    </message>
    <message>
        <source>tệp không chứa chứng chỉ nào ở dạng PEM.</source>
        <translation>the file holds no certificate in PEM form.</translation>
    </message>
    <message>
        <source>Không chuẩn bị được kết nối mã hoá tới máy chủ %1: %2</source>
        <translation>The encrypted connection to the server %1 could not be prepared: %2</translation>
    </message>
    <message>
        <source>Chứng chỉ của máy chủ cấp cho tên khác (%2), không phải %1. Có thể địa chỉ máy chủ gõ chưa đúng tên ghi trong chứng chỉ, hoặc có máy khác đang mạo danh máy chủ. Hãy dùng đúng địa chỉ do bộ phận công nghệ thông tin cung cấp; nếu địa chỉ đã đúng, hãy báo cho bộ phận đó.</source>
        <translation>The server&apos;s certificate was issued for another name (%2), not for %1. The server address may not be typed as the certificate names it, or another computer may be pretending to be the server. Use the address the IT office gave you; if it is already right, tell the IT office.</translation>
    </message>
    <message>
        <source>không ghi tên</source>
        <translation>no name</translation>
    </message>
    <message>
        <source>Chứng chỉ của máy chủ %1 đã hết hạn ngày %2, nên không kết nối để giữ an toàn dữ liệu. Hãy kiểm tra ngày giờ của máy này; nếu đúng, hãy báo bộ phận công nghệ thông tin gia hạn chứng chỉ của máy chủ.</source>
        <translation>The certificate of the server %1 expired on %2, so the console does not connect, to keep the data safe. Check this computer&apos;s date and time; if they are right, ask the IT office to renew the server&apos;s certificate.</translation>
    </message>
    <message>
        <source>Chứng chỉ của máy chủ %1 đến ngày %2 mới có hiệu lực. Hãy kiểm tra ngày giờ của máy này; nếu đúng, hãy báo bộ phận công nghệ thông tin.</source>
        <translation>The certificate of the server %1 is not valid until %2. Check this computer&apos;s date and time; if they are right, tell the IT office.</translation>
    </message>
    <message>
        <source>Máy này không tin được chứng chỉ của máy chủ %1: chứng chỉ không do nơi cấp nào trong kho chứng chỉ của hệ thống cấp (có thể là chứng chỉ tự ký hoặc do cơ quan tự cấp). Hãy chọn tệp chứng chỉ gốc (CA) do bộ phận công nghệ thông tin cấp (trong hộp đăng nhập: «Chứng chỉ gốc (CA)»; trên dòng lệnh: --ca-file), rồi thử lại.</source>
        <translation>This computer cannot trust the certificate of the server %1: it was not issued by any authority in the system&apos;s certificate store (it may be self-signed, or issued by your organisation itself). Choose the root certificate (CA) file the IT office gave you (in the sign-in dialog: «Root certificate (CA)»; on the command line: --ca-file), then try again.</translation>
    </message>
    <message>
        <source>Chứng chỉ của máy chủ %1 không do chứng chỉ gốc trong tệp %2 cấp. Hãy kiểm tra lại với bộ phận công nghệ thông tin: tệp chứng chỉ gốc (CA) đúng là tệp nào, và địa chỉ máy chủ có đúng không.</source>
        <translation>The certificate of the server %1 was not issued by a root certificate in the file %2. Check with the IT office which root certificate (CA) file is the right one, and whether the server address is right.</translation>
    </message>
    <message>
        <source>Chứng chỉ của máy chủ %1 không hợp lệ: %2 (mã %3). Không kết nối để giữ an toàn dữ liệu; hãy báo bộ phận công nghệ thông tin.</source>
        <translation>The certificate of the server %1 is not valid: %2 (code %3). The console does not connect, to keep the data safe; tell the IT office.</translation>
    </message>
    <message>
        <source>Chứng chỉ của máy chủ cấp cho tên khác, không phải %1. Có thể địa chỉ máy chủ gõ chưa đúng tên ghi trong chứng chỉ, hoặc có máy khác đang mạo danh máy chủ. Hãy dùng đúng địa chỉ do bộ phận công nghệ thông tin cung cấp; nếu địa chỉ đã đúng, hãy báo cho bộ phận đó.</source>
        <translation>The server&apos;s certificate was issued for another name, not for %1. The server address may not be typed as the certificate names it, or another computer may be pretending to be the server. Use the address the IT office gave you; if it is already right, tell the IT office.</translation>
    </message>
    <message>
        <source>Không thiết lập được kết nối mã hoá (TLS) với máy chủ %1: %2. Hãy kiểm tra địa chỉ: máy chủ có dùng https ở cổng này không (https:// hay http://, số cổng); nếu đúng, hãy báo bộ phận công nghệ thông tin (máy chủ có thể chỉ nhận phiên bản TLS cũ).</source>
        <translation>No encrypted (TLS) connection could be set up with the server %1: %2. Check the address: does the server use https on this port (https:// or http://, the port number)? If it is right, tell the IT office (the server may accept only an old TLS version).</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>Không kết nối được máy chủ, nên mật khẩu được kiểm tra với dữ liệu trên máy này: mật khẩu không khớp. Xin nhập lại.</source>
        <translation>The server could not be reached, so the password was checked against the data on this computer: it does not match. Please type it again.</translation>
    </message>
    <message>
        <source>%1. Máy này chưa lưu gì để tự kiểm tra mật khẩu, nên cần có kết nối tới máy chủ mới mở khoá được: xin kiểm tra mạng rồi thử lại.</source>
        <translation>%1. This computer holds nothing to check the password against, so the server must be reachable to unlock: please check the network and try again.</translation>
    </message>
</context>
<context>
    <name>UserRepository</name>
    <message>
        <source>Không tìm thấy tài khoản có mã số %1.</source>
        <translation>No account with ID %1.</translation>
    </message>
    <message>
        <source>Tên đăng nhập dài 3 đến 40 ký tự, chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới.</source>
        <translation>A username has 3 to 40 characters: unaccented letters, digits, dots, hyphens and underscores only.</translation>
    </message>
    <message>
        <source>Cần chọn tổ chức đảng mà tài khoản được làm việc.</source>
        <translation>Choose the party organisation this account works in.</translation>
    </message>
    <message>
        <source>Tài khoản đảng viên phải gắn với một đảng viên.</source>
        <translation>A member account must belong to a party member.</translation>
    </message>
    <message>
        <source>Tên đăng nhập %1 đã có người dùng.</source>
        <translation>The username %1 is already taken.</translation>
    </message>
    <message>
        <source>Tài khoản vừa được người khác thay đổi. Hãy xem lại rồi làm lại thao tác.</source>
        <translation>Someone else has just changed this account. Check it again, then repeat what you were doing.</translation>
    </message>
    <message>
        <source>Đây là tài khoản quản trị cuối cùng còn hoạt động: không thể khóa hoặc hạ quyền tài khoản này. Hãy tạo hoặc mở lại một tài khoản quản trị khác trước.</source>
        <translation>This is the last active administrator account: it cannot be disabled or given a lower role. Create or re-enable another administrator account first.</translation>
    </message>
    <message>
        <source>Đảng viên này đã có tài khoản.</source>
        <translation>This member already has an account.</translation>
    </message>
</context>
<context>
    <name>sotay-console</name>
    <message>
        <source>Bảng điều khiển quản trị Sổ tay đảng viên điện tử, dành cho cán bộ Ban Tổ chức và các cấp ủy.</source>
        <translation>Administration console of Sổ tay, the electronic Party member handbook, for Organisation Commission staff and Party committees.</translation>
    </message>
    <message>
        <source>Hiện hướng dẫn này.</source>
        <translation>Show this help.</translation>
    </message>
    <message>
        <source>Hiện phiên bản.</source>
        <translation>Show the version.</translation>
    </message>
    <message>
        <source>Máy này không có màn hình (DISPLAY/WAYLAND_DISPLAY trống), nên không mở được bảng điều khiển. Hãy chạy trên máy có giao diện đồ họa.</source>
        <translation>This machine has no display (DISPLAY/WAYLAND_DISPLAY is empty), so the console cannot open. Run it on a machine with a graphical desktop.</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ, điền sẵn vào hộp đăng nhập (mặc định: máy chủ của lần đăng nhập trước).</source>
        <translation>Server address, filled into the sign-in dialog (default: the server of the last sign-in).</translation>
    </message>
    <message>
        <source>Tệp bản sao dữ liệu (mặc định: trong thư mục dữ liệu của người dùng).</source>
        <translation>Replica file (default: in the user&apos;s data folder).</translation>
    </message>
    <message>
        <source>TỆP</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ.</source>
        <translation>Server address.</translation>
    </message>
    <message>
        <source>Tên đăng nhập.</source>
        <translation>Username.</translation>
    </message>
    <message>
        <source>TÊN</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Tệp chứa mật khẩu (dòng đầu tiên).</source>
        <translation>File holding the password (its first line).</translation>
    </message>
    <message>
        <source>Tham số không hợp lệ.</source>
        <translation>Invalid arguments.</translation>
    </message>
    <message>
        <source>Cần đủ --server, --user và --password-file.</source>
        <translation>--server, --user and --password-file are all required.</translation>
    </message>
    <message>
        <source>Không đọc được tệp mật khẩu %1.</source>
        <translation>Could not read the password file %1.</translation>
    </message>
    <message>
        <source>Đồng bộ xong: tải %1 tổ chức, %2 đảng viên, %3 thay đổi; gửi %4 sửa đổi (%5 xung đột, %6 bị từ chối); %7 byte.</source>
        <translation>Sync finished: downloaded %1 organisations, %2 members and %3 changes; sent %4 edits (%5 conflicts, %6 refused); %7 bytes.</translation>
    </message>
    <message>
        <source>Tên đăng nhập (cho --quit-after-start).</source>
        <translation>Username (for --quit-after-start).</translation>
    </message>
    <message>
        <source>Tệp chứa mật khẩu, dòng đầu tiên (cho --quit-after-start).</source>
        <translation>File holding the password, its first line (for --quit-after-start).</translation>
    </message>
    <message>
        <source>Mở cửa sổ chính trên tệp bản sao (không cần máy chủ), chờ đến khi cây tổ chức và danh sách đảng viên hiện lên, in thời gian khởi động rồi thoát. Cần --replica, --user và --password-file.</source>
        <translation>Open the main window on the replica file (no server needed), wait until the organisation tree and the roster are shown, print the start-up time and quit. Needs --replica, --user and --password-file.</translation>
    </message>
    <message>
        <source>--quit-after-start cần cả --replica, --user và --password-file.</source>
        <translation>--quit-after-start needs --replica, --user and --password-file.</translation>
    </message>
    <message>
        <source>Đã mở: %1 tổ chức, %2 đảng viên, sau %3 ms.</source>
        <translation>Opened: %1 organisations, %2 members, after %3 ms.</translation>
    </message>
    <message>
        <source>Cửa sổ chính không hiện dữ liệu sau 60 giây.</source>
        <translation>The main window showed no data within 60 seconds.</translation>
    </message>
    <message>
        <source>%1: %2 / %3</source>
        <translation>%1: %2 / %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Đồng bộ một lần, không mở cửa sổ (xem bên dưới).</source>
        <translation>Synchronises once, without opening a window (see below).</translation>
    </message>
    <message>
        <source>Lệnh con:</source>
        <translation>Subcommand:</translation>
    </message>
    <message>
        <source>Không hiểu tham số &quot;%1&quot;. Xem sotay-console --help.</source>
        <translation>Unknown argument &quot;%1&quot;. See sotay-console --help.</translation>
    </message>
    <message>
        <source>Đồng bộ một lần bản sao dữ liệu với máy chủ, không mở cửa sổ (cho tác vụ chạy theo lịch). Mã thoát: 0 xong, 1 không kết nối được máy chủ, 2 sai tham số, 3 đăng nhập bị từ chối hoặc hết phiên, 4 lỗi khác, 5 kết nối không an toàn nên không dùng (chứng chỉ của máy chủ bị từ chối).</source>
        <translation>Synchronises the local copy of the data with the server once, without opening a window (for scheduled tasks). Exit codes: 0 done, 1 server out of reach, 2 wrong arguments, 3 sign-in refused or session ended, 4 other error, 5 connection unsafe and not used (the server&apos;s certificate was refused).</translation>
    </message>
    <message>
        <source>Tệp chứng chỉ gốc (CA, dạng PEM) do bộ phận công nghệ thông tin cấp, dùng để kiểm tra chứng chỉ của máy chủ https thay cho kho chứng chỉ của hệ thống.</source>
        <translation>Root certificate (CA) file in PEM form, from the IT office, used to check the certificate of an https server instead of the system&apos;s certificate store.</translation>
    </message>
    <message>
        <source>Cho phép kết nối http không mã hoá tới máy chủ ở máy khác. Mật khẩu và dữ liệu cá nhân của đảng viên khi đó đi qua mạng ở dạng ai trên đường truyền cũng đọc được: chỉ dùng khi máy chủ chưa có https và mạng tin cậy được.</source>
        <translation>Allow unencrypted http connections to a server on another computer. Passwords and the members&apos; personal data then cross the network where anyone along the way can read them: use it only when the server has no https yet and the network can be trusted.</translation>
    </message>
    <message>
        <source>Dữ liệu trên máy được khóa bằng mật khẩu cũ của tài khoản, nên mật khẩu này không mở được. Bản cũ, cùng các sửa đổi chưa gửi trong đó, được giữ trong tệp %1; một bản mới được tải về.</source>
        <translation>The data on this computer is locked with the account&apos;s old password, so this password cannot open it. The old copy, with the edits not yet sent in it, is kept in the file %1; a new copy is downloaded.</translation>
    </message>
</context>
<context>
    <name>sotay-server</name>
    <message>
        <source>Máy chủ Sổ tay đảng viên điện tử: lưu cây tổ chức, danh sách đảng viên và phục vụ bảng điều khiển cùng ứng dụng của đảng viên qua HTTP.</source>
        <translation>Server of Sổ tay, the electronic Party member handbook: stores the organisation tree and the membership roster, and serves the administration console and the Party members&apos; app over HTTP.</translation>
    </message>
    <message>
        <source>Hiện hướng dẫn này.</source>
        <translation>Show this help.</translation>
    </message>
    <message>
        <source>Hiện phiên bản.</source>
        <translation>Show the version.</translation>
    </message>
    <message>
        <source>Thư mục dữ liệu SQLite (mặc định: ./sotay-data).</source>
        <translation>SQLite data folder (default: ./sotay-data).</translation>
    </message>
    <message>
        <source>THƯ_MỤC</source>
        <translation>FOLDER</translation>
    </message>
    <message>
        <source>Dùng PostgreSQL thay cho SQLite: postgresql://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY:CỔNG/TÊN_CSDL.</source>
        <translation>Use PostgreSQL instead of SQLite: postgresql://USER:PASSWORD@HOST:PORT/DATABASE_NAME.</translation>
    </message>
    <message>
        <source>Địa chỉ lắng nghe (mặc định: 127.0.0.1:8080).</source>
        <translation>Listen address (default: 127.0.0.1:8080).</translation>
    </message>
    <message>
        <source>MÁY:CỔNG</source>
        <translation>HOST:PORT</translation>
    </message>
    <message>
        <source>Tham số không được hỗ trợ: %1</source>
        <translation>Unsupported arguments: %1</translation>
    </message>
    <message>
        <source>Chỉ dùng một trong hai: --data hoặc --database.</source>
        <translation>Use only one of --data and --database.</translation>
    </message>
    <message>
        <source>Số luồng phải là số nguyên từ 1 đến 256.</source>
        <translation>The number of threads must be a whole number from 1 to 256.</translation>
    </message>
    <message>
        <source>Đang dừng: chờ các yêu cầu đang xử lý hoàn tất...</source>
        <translation>Stopping: waiting for requests in progress to finish...</translation>
    </message>
    <message>
        <source>Đã dừng.</source>
        <translation>Stopped.</translation>
    </message>
    <message>
        <source>Địa chỉ IP của proxy ngược đứng trước máy chủ: với yêu cầu đến từ địa chỉ này, địa chỉ người dùng được lấy từ tiêu đề X-Forwarded-For (có thể ghi nhiều lần).</source>
        <translation>IP address of a reverse proxy in front of the server: for requests from this address the client&apos;s address is taken from the X-Forwarded-For header (may be given more than once).</translation>
    </message>
    <message>
        <source>ĐỊA_CHỈ</source>
        <translation>ADDRESS</translation>
    </message>
    <message>
        <source>--trusted-proxy cần một địa chỉ IP, không phải &quot;%1&quot;.</source>
        <translation>--trusted-proxy needs an IP address, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Chứng chỉ TLS (tệp PEM, có cả các chứng chỉ trung gian): máy chủ phục vụ HTTPS thay cho HTTP.</source>
        <translation>TLS certificate (PEM file, with any intermediate certificates): the server serves HTTPS instead of HTTP.</translation>
    </message>
    <message>
        <source>TỆP</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Khóa riêng của chứng chỉ TLS (tệp PEM).</source>
        <translation>Private key of the TLS certificate (PEM file).</translation>
    </message>
    <message>
        <source>HTTPS cần cả hai: --tls-cert (chứng chỉ) và --tls-key (khóa riêng).</source>
        <translation>HTTPS needs both --tls-cert (the certificate) and --tls-key (the private key).</translation>
    </message>
    <message>
        <source>Máy chủ Sổ tay đang chạy tại %1://%2:%3 (dữ liệu: %4)</source>
        <translation>The Sổ tay server is running at %1://%2:%3 (data: %4)</translation>
    </message>
    <message>
        <source>Số kết nối tối đa cùng lúc từ một địa chỉ IP (mặc định: 64; proxy tin cậy không bị giới hạn). Tăng lên khi nhiều máy của một cơ quan ra Internet qua cùng một địa chỉ.</source>
        <translation>Most connections at once from one IP address (default: 64; trusted proxies are not limited). Raise it when many computers of one office reach the Internet through one address.</translation>
    </message>
    <message>
        <source>--connections-per-address phải là số nguyên từ 1 đến 100.000.</source>
        <translation>--connections-per-address must be a whole number from 1 to 100,000.</translation>
    </message>
    <message>
        <source>Số luồng xử lý yêu cầu, từ 1 đến 256 (mặc định: 8 luồng cho mỗi lõi bộ xử lý, ít nhất 16 và nhiều nhất 64).</source>
        <translation>Request threads, from 1 to 256 (default: 8 per processor core, at least 16 and at most 64).</translation>
    </message>
    <message>
        <source>Dung lượng tối đa của một tệp đính kèm tin bài, tính bằng MB (mặc định: 20).</source>
        <translation>The largest attachment of published content, in MB (default: 20).</translation>
    </message>
    <message>
        <source>--max-attachment-mb phải là số nguyên từ 1 đến 200.</source>
        <translation>--max-attachment-mb must be a whole number from 1 to 200.</translation>
    </message>
    <message>
        <source>Tạo tỉnh mẫu (Đảng bộ tỉnh Đồng Nai, khoảng 132.000 đảng viên) với một năm sinh hoạt (tài khoản sổ tay, học tập, sinh hoạt chi bộ) nếu cơ sở dữ liệu còn trống; mọi tài khoản của năm đó có mật khẩu trong biến môi trường SOTAY_DEMO_PASSWORD (không đặt: một mật khẩu ngẫu nhiên).</source>
        <translation>Create the demo province (the Đồng Nai Provincial Party Committee, about 132,000 members) with a year of activity (handbook accounts, study, cell meetings) if the database is empty; every account of that year has the password in the environment variable SOTAY_DEMO_PASSWORD (unset: a random password).</translation>
    </message>
    <message>
        <source>Không giữ thứ tự danh sách đảng viên, bản JSON của đảng viên, phiên đăng nhập đã kiểm tra, trang tin của đảng viên và số liệu các tháng đã qua giữa các yêu cầu (để chẩn đoán và đo hiệu năng).</source>
        <translation>Keep no roster orders, members&apos; JSON, checked sign-in sessions, members&apos; feed pages or past months&apos; participation figures between requests (for diagnosis and benchmarks).</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::AccountFormDialog</name>
    <message>
        <source>Tạo tài khoản</source>
        <translation>Create account</translation>
    </message>
    <message>
        <source>Đổi quyền, phạm vi</source>
        <translation>Change role and scope</translation>
    </message>
    <message>
        <source>Tài khoản mới cho một cán bộ hoặc bí thư. Trao mật khẩu ban đầu tận tay người dùng. Tài khoản của đảng viên được tạo từ hồ sơ đảng viên.</source>
        <translation>A new account for an officer or a cell secretary. Hand the first password to the user in person. Members&apos; accounts are created from the member&apos;s record.</translation>
    </message>
    <message>
        <source>Quyền và nơi làm việc của tài khoản %1. Người dùng thấy thay đổi từ lần đồng bộ tới.</source>
        <translation>The role and unit of the account %1. The user sees the change from their next synchronisation.</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu ban đầu:</source>
        <translation>&amp;First password:</translation>
    </message>
    <message>
        <source>&amp;Quyền:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>&amp;Nơi làm việc:</source>
        <translation>U&amp;nit:</translation>
    </message>
    <message>
        <source>Tạ&amp;o</source>
        <translation>&amp;Create</translation>
    </message>
    <message>
        <source>&amp;Lưu</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Xin nhập tên đăng nhập.</source>
        <translation>Please enter a user name.</translation>
    </message>
    <message>
        <source>Xin nhập mật khẩu ban đầu.</source>
        <translation>Please enter a first password.</translation>
    </message>
    <message>
        <source>Xin chọn quyền.</source>
        <translation>Please choose a role.</translation>
    </message>
    <message>
        <source>Xin chọn nơi làm việc trong danh sách (gõ một phần tên để tìm).</source>
        <translation>Please choose a unit from the list (type part of its name to find it).</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::AccountsModel</name>
    <message>
        <source>Quản trị viên</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Cán bộ tổ chức</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Bí thư chi bộ</source>
        <translation>Cell secretary</translation>
    </message>
    <message>
        <source>Đảng viên</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Người dùng phải đổi mật khẩu tạm thời ở lần đăng nhập tới.</source>
        <translation>The user must change the temporary password at the next sign-in.</translation>
    </message>
    <message>
        <source>Toàn tỉnh</source>
        <translation>Whole province</translation>
    </message>
    <message>
        <source>Đã khoá</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Đang dùng, chờ đổi mật khẩu</source>
        <translation>Active, password change pending</translation>
    </message>
    <message>
        <source>Đang dùng</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Quyền</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Nơi làm việc</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::AccountsWindow</name>
    <message>
        <source>Chọn một tài khoản trong danh sách trước (tìm bằng Ctrl+F, chọn bằng phím mũi tên).</source>
        <translation>Choose an account in the list first (search with Ctrl+F, choose with the arrow keys).</translation>
    </message>
    <message>
        <source>Việc trước chưa xong; xin chờ trong giây lát.</source>
        <translation>The previous action has not finished yet; please wait a moment.</translation>
    </message>
    <message>
        <source>Máy chủ không làm việc này: %1

Nhấn F5 để tải lại danh sách rồi thử lại; nếu vẫn không được, hỏi cán bộ quản trị của tỉnh.</source>
        <translation>The server did not do this: %1

Press F5 to load the list again, then try again; if it still does not work, ask the province&apos;s administrator.</translation>
    </message>
    <message>
        <source>Không làm được: %1</source>
        <translation>Not done: %1</translation>
    </message>
    <message>
        <source>Khoá tài khoản</source>
        <translation>Lock account</translation>
    </message>
    <message>
        <source>Mở khoá tài khoản</source>
        <translation>Unlock account</translation>
    </message>
    <message>
        <source>Khoá tài khoản %1? Người dùng bị đăng xuất ngay trên mọi máy và không đăng nhập được cho đến khi tài khoản được mở khoá.</source>
        <translation>Lock the account %1? The user is signed out at once on every device and cannot sign in until the account is unlocked.</translation>
    </message>
    <message>
        <source>Mở khoá tài khoản %1? Người dùng đăng nhập lại được bằng mật khẩu cũ.</source>
        <translation>Unlock the account %1? The user can sign in again with their old password.</translation>
    </message>
    <message>
        <source>Đang khoá tài khoản %1…</source>
        <translation>Locking the account %1…</translation>
    </message>
    <message>
        <source>Đang mở khoá tài khoản %1…</source>
        <translation>Unlocking the account %1…</translation>
    </message>
    <message>
        <source>Đã khoá tài khoản %1.</source>
        <translation>The account %1 is locked.</translation>
    </message>
    <message>
        <source>Đã mở khoá tài khoản %1.</source>
        <translation>The account %1 is unlocked.</translation>
    </message>
    <message>
        <source>Mở &amp;khoá tài khoản</source>
        <translation>Un&amp;lock account</translation>
    </message>
    <message>
        <source>&amp;Khoá tài khoản</source>
        <translation>&amp;Lock account</translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu của tài khoản %1? Mật khẩu cũ hết dùng được và người dùng bị đăng xuất trên mọi máy; bạn sẽ thấy một mật khẩu tạm thời để trao cho người dùng.</source>
        <translation>Reset the password of the account %1? The old password stops working and the user is signed out on every device; you will see a temporary password to hand to the user.</translation>
    </message>
    <message>
        <source>Đang đặt lại mật khẩu của tài khoản %1…</source>
        <translation>Resetting the password of the account %1…</translation>
    </message>
    <message>
        <source>Đã đặt lại mật khẩu của tài khoản %1.</source>
        <translation>The password of the account %1 has been reset.</translation>
    </message>
    <message>
        <source>Đăng xuất khỏi mọi nơi</source>
        <translation>Sign out everywhere</translation>
    </message>
    <message>
        <source>Đăng xuất tài khoản %1 trên mọi máy và điện thoại? Người dùng phải đăng nhập lại; mật khẩu không đổi.</source>
        <translation>Sign the account %1 out on every computer and phone? The user must sign in again; the password does not change.</translation>
    </message>
    <message>
        <source>Đang đăng xuất tài khoản %1 khỏi mọi nơi…</source>
        <translation>Signing the account %1 out everywhere…</translation>
    </message>
    <message>
        <source>Đã đăng xuất tài khoản %1 khỏi mọi nơi.</source>
        <translation>The account %1 has been signed out everywhere.</translation>
    </message>
    <message>
        <source>Gỡ chặn đăng nhập</source>
        <translation>Lift sign-in block</translation>
    </message>
    <message>
        <source>Gỡ chặn đăng nhập cho tài khoản %1? Các lần đăng nhập sai đã đếm được xoá, người dùng đăng nhập lại được ngay. Chỉ làm khi chắc chắn chính người dùng đã nhập sai.</source>
        <translation>Lift the sign-in block of the account %1? The wrong sign-ins counted so far are forgotten and the user can sign in again at once. Do this only when you are sure the user simply mistyped.</translation>
    </message>
    <message>
        <source>Đang gỡ chặn đăng nhập cho tài khoản %1…</source>
        <translation>Lifting the sign-in block of the account %1…</translation>
    </message>
    <message>
        <source>Đã gỡ chặn đăng nhập cho tài khoản %1.</source>
        <translation>The sign-in block of the account %1 has been lifted.</translation>
    </message>
    <message>
        <source>Đổi quyền, phạm vi</source>
        <translation>Change role and scope</translation>
    </message>
    <message>
        <source>Tài khoản %1 là tài khoản của đảng viên: nơi làm việc đi theo nơi sinh hoạt của đảng viên và không đổi quyền được. Cần tài khoản cán bộ thì tạo tài khoản mới.</source>
        <translation>The account %1 is a member&apos;s account: its unit follows the member&apos;s cell and its role cannot be changed. For an officer&apos;s account, create a new account.</translation>
    </message>
    <message>
        <source>Đang lưu quyền và nơi làm việc của tài khoản %1…</source>
        <translation>Saving the role and unit of the account %1…</translation>
    </message>
    <message>
        <source>Đã lưu quyền và nơi làm việc của tài khoản %1.</source>
        <translation>The role and unit of the account %1 have been saved.</translation>
    </message>
    <message>
        <source>Tạo tài khoản</source>
        <translation>Create account</translation>
    </message>
    <message>
        <source>Đang tạo tài khoản %1…</source>
        <translation>Creating the account %1…</translation>
    </message>
    <message>
        <source>Đã tạo tài khoản %1.</source>
        <translation>The account %1 has been created.</translation>
    </message>
    <message>
        <source>Tài khoản — Sổ tay đảng viên điện tử</source>
        <translation>Accounts — Electronic Party Member Handbook</translation>
    </message>
    <message>
        <source>Tìm:</source>
        <translation>Search:</translation>
    </message>
    <message>
        <source>Tên đăng nhập, tên đảng viên</source>
        <translation>User name, member&apos;s name</translation>
    </message>
    <message>
        <source>Q&amp;uyền:</source>
        <translation>R&amp;ole:</translation>
    </message>
    <message>
        <source>T&amp;rạng thái:</source>
        <translation>S&amp;tate:</translation>
    </message>
    <message>
        <source>Mọi quyền</source>
        <translation>All roles</translation>
    </message>
    <message>
        <source>Mọi trạng thái</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>Đang dùng</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Đã khoá</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Tải thê&amp;m</source>
        <translation>Load &amp;more</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Đặt &amp;lại mật khẩu…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <source>Đăng &amp;xuất khỏi mọi nơi</source>
        <translation>Sign out &amp;everywhere</translation>
    </message>
    <message>
        <source>&amp;Gỡ chặn đăng nhập</source>
        <translation>Lift sign-in &amp;block</translation>
    </message>
    <message>
        <source>Sau nhiều lần đăng nhập sai, máy chủ tạm chặn tài khoản; gỡ chặn để người dùng đăng nhập lại ngay.</source>
        <translation>After many wrong sign-ins the server blocks the account for a while; lift the block so that the user can sign in again at once.</translation>
    </message>
    <message>
        <source>Đổi &amp;quyền, phạm vi…</source>
        <translation>Change role and &amp;scope…</translation>
    </message>
    <message>
        <source>&amp;Tạo tài khoản…</source>
        <translation>&amp;Create account…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Đã dừng tải danh sách.</source>
        <translation>Loading the list was stopped.</translation>
    </message>
    <message>
        <source>Không tải được danh sách tài khoản: %1 Nhấn F5 để thử lại.</source>
        <translation>The list of accounts could not be loaded: %1 Press F5 to try again.</translation>
    </message>
    <message>
        <source>Đang tải tài khoản… (đã có %1)</source>
        <translation>Loading accounts… (%1 so far)</translation>
    </message>
    <message>
        <source>Không có tài khoản nào khớp với tìm kiếm và bộ lọc.</source>
        <translation>No account matches the search and the filters.</translation>
    </message>
    <message>
        <source>Đang hiện %1 tài khoản đầu; kéo xuống cuối danh sách hoặc nhấn Tải thêm để xem tiếp.</source>
        <translation>Showing the first %1 accounts; scroll to the end of the list or press Load more to see the rest.</translation>
    </message>
    <message>
        <source>%1 tài khoản.</source>
        <translation>%1 accounts.</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::ChangePasswordDialog</name>
    <message>
        <source>Đổi mật khẩu tạm thời</source>
        <translation>Change your temporary password</translation>
    </message>
    <message>
        <source>Tài khoản %1 đang dùng mật khẩu tạm thời do người quản lý tài khoản đặt lại. Xin đặt mật khẩu mới của riêng bạn trước khi làm việc.</source>
        <translation>The account %1 has a temporary password set by whoever manages it. Please set a new password of your own before you start work.</translation>
    </message>
    <message>
        <source>Mật khẩu &amp;mới:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <source>&amp;Nhập lại mật khẩu mới:</source>
        <translation>New password &amp;again:</translation>
    </message>
    <message>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Xin nhập mật khẩu mới.</source>
        <translation>Please enter a new password.</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu mới không giống nhau. Xin nhập lại.</source>
        <translation>The two new passwords are not the same. Please type them again.</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::ConflictDialog</name>
    <message>
        <source>Xung đột khi gửi sửa đổi</source>
        <translation>Conflict while sending an edit</translation>
    </message>
    <message>
        <source>Giữ bản &amp;của tôi</source>
        <translation>Keep &amp;mine</translation>
    </message>
    <message>
        <source>Giữ bản trên &amp;máy chủ</source>
        <translation>Keep the &amp;server&apos;s</translation>
    </message>
    <message>
        <source>Để &amp;sau</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <source>Gửi lại sửa đổi của bạn lên bản mới nhất; các ô bạn không sửa giữ giá trị trên máy chủ.</source>
        <translation>Send your edit again onto the newest version; the fields you did not change keep the server&apos;s values.</translation>
    </message>
    <message>
        <source>Bỏ sửa đổi của bạn; hồ sơ giữ như trên máy chủ.</source>
        <translation>Drop your edit; the record stays as it is on the server.</translation>
    </message>
    <message>
        <source>Trong lúc bạn sửa, hồ sơ %1 đã được sửa trên máy chủ (nay là phiên bản %2). Xem hai bản dưới đây và chọn bản giữ lại.</source>
        <translation>While you were editing, the record %1 was changed on the server (now version %2). Compare the two versions below and choose the one to keep.</translation>
    </message>
    <message>
        <source>Mục</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Bản của bạn</source>
        <translation>Your version</translation>
    </message>
    <message>
        <source>Bản trên máy chủ</source>
        <translation>Server&apos;s version</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Hai bản khác nhau ở mục này.</source>
        <translation>The two versions differ in this field.</translation>
    </message>
    <message>
        <source>Không gửi lại được</source>
        <translation>Could not send again</translation>
    </message>
    <message>
        <source>Không ghi được</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <source>Không biết phiên bản trên máy chủ của hồ sơ này. Hãy đồng bộ rồi sửa lại.</source>
        <translation>The server&apos;s version of this record is not known. Sync, then make the correction again.</translation>
    </message>
    <message>
        <source>Đóng mà chưa chọn; xung đột vẫn chờ trong danh sách (Esc).</source>
        <translation>Close without choosing; the conflict stays in the list (Esc).</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::ConsoleLock</name>
    <message>
        <source>Sổ tay đã khoá. Nhập mật khẩu để tiếp tục làm việc.</source>
        <translation>Sổ tay is locked. Enter your password to go on working.</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::EarlierEditsDialog</name>
    <message>
        <source>Sửa đổi trong bản dữ liệu cũ</source>
        <translation>Edits in the old copy of the data</translation>
    </message>
    <message>
        <source>Bản dữ liệu cũ trên máy này được khóa bằng mật khẩu bạn dùng trước khi mật khẩu được đổi hoặc được cấp lại, và có thể còn những sửa đổi chưa gửi lên máy chủ. Nhập mật khẩu cũ để chuyển các sửa đổi đó sang dữ liệu hiện tại; chúng sẽ được gửi ở lần đồng bộ tới. Nếu không cần, có thể bỏ hẳn bản cũ.</source>
        <translation>The old copy of the data on this computer is locked with the password you used before it was changed or reset, and it may still hold edits that never reached the server. Type the old password to move those edits into the current data; they go at the next synchronisation. If you do not need them, you can discard the old copy.</translation>
    </message>
    <message>
        <source>Tệp: %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>Lưu lúc: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu cũ:</source>
        <translation>&amp;Old password:</translation>
    </message>
    <message>
        <source>&amp;Chuyển sửa đổi</source>
        <translation>&amp;Move the edits</translation>
    </message>
    <message>
        <source>&amp;Bỏ bản cũ…</source>
        <translation>&amp;Discard the old copy…</translation>
    </message>
    <message>
        <source>Để &amp;sau</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <source>Xin nhập mật khẩu cũ.</source>
        <translation>Please type the old password.</translation>
    </message>
    <message>
        <source>Bỏ bản dữ liệu cũ</source>
        <translation>Discard the old copy</translation>
    </message>
    <message>
        <source>Bỏ hẳn bản dữ liệu cũ, cùng mọi sửa đổi chưa gửi trong đó? Việc này không hoàn tác được.</source>
        <translation>Discard the old copy of the data for good, with every unsent edit in it? This cannot be undone.</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::LockDialog</name>
    <message>
        <source>Sổ tay đã khoá</source>
        <translation>Sổ tay is locked</translation>
    </message>
    <message numerus="yes">
        <source>Cửa sổ đã tự khoá sau %n phút không dùng đến, để người khác không xem được dữ liệu. Các sửa đổi chưa gửi vẫn được giữ và việc đồng bộ vẫn tiếp tục.</source>
        <translation>
            <numerusform>The window locked itself after %n minute without use, so that nobody else can see the data. Unsent edits are kept and synchronisation goes on.</numerusform>
            <numerusform>The window locked itself after %n minutes without use, so that nobody else can see the data. Unsent edits are kept and synchronisation goes on.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cửa sổ đã được khoá, để người khác không xem được dữ liệu. Các sửa đổi chưa gửi vẫn được giữ và việc đồng bộ vẫn tiếp tục.</source>
        <translation>The window has been locked so that nobody else can see the data. Unsent edits are kept and synchronisation goes on.</translation>
    </message>
    <message>
        <source>Tài khoản %1 trên máy chủ %2.</source>
        <translation>Account %1 on the server %2.</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Mở &amp;khoá</source>
        <translation>Un&amp;lock</translation>
    </message>
    <message>
        <source>Đăng &amp;xuất</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>Đóng cửa sổ và trở về hộp đăng nhập. Các sửa đổi chưa gửi vẫn được giữ trên máy này và sẽ được gửi ở lần đăng nhập sau.</source>
        <translation>Closes the window and returns to the sign-in dialog. Unsent edits are kept on this computer and are sent at the next sign-in.</translation>
    </message>
    <message>
        <source>Xin nhập mật khẩu.</source>
        <translation>Please enter your password.</translation>
    </message>
    <message>
        <source>Đang kiểm tra mật khẩu với máy chủ %1…</source>
        <translation>Checking the password with the server %1…</translation>
    </message>
    <message>
        <source>Đang đăng xuất…</source>
        <translation>Signing out…</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::MainWindow</name>
    <message>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>T&amp;hoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Giới thiệu Sổ tay</source>
        <translation>&amp;About Sổ tay</translation>
    </message>
    <message>
        <source>Giới thiệu Sổ tay</source>
        <translation>About Sổ tay</translation>
    </message>
    <message>
        <source>Sổ tay đảng viên điện tử — bảng điều khiển quản trị, phiên bản %1.
Qt %2.</source>
        <translation>Sổ tay, the electronic Party member handbook — administration console, version %1.
Qt %2.</translation>
    </message>
    <message>
        <source>Đồng bộ &amp;ngay</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>Gửi các sửa đổi chưa gửi và nhận các thay đổi mới từ máy chủ.</source>
        <translation>Send the unsent edits and receive the latest changes from the server.</translation>
    </message>
    <message>
        <source>Đang tải dữ liệu lần đầu</source>
        <translation>Downloading the data for the first time</translation>
    </message>
    <message>
        <source>Đã dừng đồng bộ. Lần sau sẽ tiếp tục từ chỗ đã dừng.</source>
        <translation>Sync stopped. The next sync will continue where this one stopped.</translation>
    </message>
    <message>
        <source>Đồng bộ không thành công: %1</source>
        <translation>The sync did not succeed: %1</translation>
    </message>
    <message>
        <source>Dữ liệu trên máy này chưa đầy đủ: lần đồng bộ đầu tiên chưa xong. Lần đồng bộ sau sẽ tiếp tục từ chỗ đã dừng.</source>
        <translation>The data on this computer is not complete: the first sync has not finished. The next sync will continue where it stopped.</translation>
    </message>
    <message>
        <source>Phiên làm việc đã hết hạn. Xin nhập lại mật khẩu để tiếp tục đồng bộ; các sửa đổi chưa gửi vẫn được giữ trên máy này.</source>
        <translation>Your session has expired. Enter your password again to keep syncing; unsent edits stay on this computer.</translation>
    </message>
    <message>
        <source>Đã kết nối lại được máy chủ. Xin nhập mật khẩu để đồng bộ; các sửa đổi chưa gửi vẫn được giữ trên máy này.</source>
        <translation>The server can be reached again. Enter your password to sync; unsent edits stay on this computer.</translation>
    </message>
    <message>
        <source>Chưa đồng bộ vì chưa đăng nhập lại. Các sửa đổi chưa gửi vẫn được giữ; nhấn F5 để đăng nhập và đồng bộ.</source>
        <translation>Not synced because you have not signed in again. Unsent edits are kept; press F5 to sign in and sync.</translation>
    </message>
    <message>
        <source>%1 — Sổ tay đảng viên điện tử</source>
        <translation>%1 — Sổ tay, the electronic Party member handbook</translation>
    </message>
    <message>
        <source>%1 — %2 — Sổ tay đảng viên điện tử</source>
        <translation>%1 — %2 — Sổ tay, the electronic Party member handbook</translation>
    </message>
    <message>
        <source>Cây tổ chức</source>
        <translation>Organisation tree</translation>
    </message>
    <message>
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Tìm đảng &amp;viên</source>
        <translation>Find a &amp;member</translation>
    </message>
    <message>
        <source>Tìm &amp;tổ chức đảng</source>
        <translation>Find an &amp;organisation</translation>
    </message>
    <message>
        <source>&amp;Ngôn ngữ</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Không ghi được thay đổi</source>
        <translation>The change could not be saved</translation>
    </message>
    <message>
        <source>&amp;Sửa</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Hoàn tác sửa đổi chưa gửi</source>
        <translation>&amp;Undo unsent edit</translation>
    </message>
    <message>
        <source>Bỏ sửa đổi mới nhất còn chờ gửi lên máy chủ.</source>
        <translation>Drop the newest edit still waiting to be sent to the server.</translation>
    </message>
    <message>
        <source>Đảng &amp;viên</source>
        <translation>&amp;Members</translation>
    </message>
    <message>
        <source>&amp;Thêm đảng viên…</source>
        <translation>&amp;New member…</translation>
    </message>
    <message>
        <source>Nhập hồ sơ một đảng viên mới vào chi bộ đang chọn.</source>
        <translation>Enter the record of a new member in the chosen party cell.</translation>
    </message>
    <message>
        <source>&amp;Mở hồ sơ</source>
        <translation>&amp;Open record</translation>
    </message>
    <message>
        <source>&amp;Xung đột chờ xử lý…</source>
        <translation>&amp;Conflicts to settle…</translation>
    </message>
    <message>
        <source>&amp;Xung đột chờ xử lý (%1)…</source>
        <translation>&amp;Conflicts to settle (%1)…</translation>
    </message>
    <message>
        <source>Thêm đảng viên</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>Không đọc được xung đột</source>
        <translation>Could not read the conflicts</translation>
    </message>
    <message>
        <source>Không còn sửa đổi nào chờ gửi để hoàn tác.</source>
        <translation>No unsent edit is left to undo.</translation>
    </message>
    <message>
        <source>Hoàn tác sửa đổi chưa gửi</source>
        <translation>Undo unsent edits</translation>
    </message>
    <message>
        <source>Bỏ sửa đổi chưa gửi: %1?</source>
        <translation>Drop the unsent edit: %1?</translation>
    </message>
    <message>
        <source>Không hoàn tác được</source>
        <translation>Could not undo</translation>
    </message>
    <message>
        <source>Sửa đổi này đang được gửi lên máy chủ nên không hoàn tác được nữa.</source>
        <translation>This edit is being sent to the server and can no longer be undone.</translation>
    </message>
    <message>
        <source>Đã hoàn tác: %1.</source>
        <translation>Undone: %1.</translation>
    </message>
    <message>
        <source>Đảng viên sinh hoạt tại chi bộ: xin chọn một chi bộ (chi bộ trực thuộc hoặc chi bộ cơ sở) trên cây tổ chức trước.</source>
        <translation>Members belong to a party cell: choose a cell (a cell or a base cell) in the organisation tree first.</translation>
    </message>
    <message>
        <source>Cây tổ chức đang hiện một ngày trong quá khứ. Bỏ chọn &quot;Cây tại ngày&quot; rồi chọn chi bộ để thêm đảng viên.</source>
        <translation>The organisation tree shows a past day. Untick &quot;Tree on date&quot;, then choose a cell to add a member.</translation>
    </message>
    <message>
        <source>Các sửa đổi còn lại đã được gửi đi nên không hoàn tác được nữa.</source>
        <translation>The remaining edits have been sent and can no longer be undone.</translation>
    </message>
    <message>
        <source>&amp;Cột của danh sách đảng viên…</source>
        <translation>Roster &amp;columns…</translation>
    </message>
    <message numerus="yes">
        <source>%n giây</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 phút %2 giây</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>Đã tải xong dữ liệu lần đầu trong %1: %2 tổ chức đảng, %3 đảng viên.</source>
        <translation>The first download finished in %1: %2 party organisations, %3 party members.</translation>
    </message>
    <message>
        <source>Chọn một đảng viên trong danh sách trước (phím mũi tên hoặc tìm bằng Ctrl+F), rồi nhấn Enter hoặc Ctrl+O để mở hồ sơ.</source>
        <translation>Choose a member in the roster first (with the arrow keys, or search with Ctrl+F), then press Enter or Ctrl+O to open the record.</translation>
    </message>
    <message>
        <source>&amp;Hướng dẫn sử dụng</source>
        <translation>&amp;User guide</translation>
    </message>
    <message>
        <source>Cách làm các việc hằng ngày và các phím tắt.</source>
        <translation>How to do the everyday tasks, and the keyboard shortcuts.</translation>
    </message>
    <message>
        <source>&amp;Về dữ liệu trên máy này…</source>
        <translation>&amp;About the data on this computer…</translation>
    </message>
    <message>
        <source>Máy chủ, phạm vi, số tổ chức và đảng viên có trên máy này, lần đồng bộ cuối.</source>
        <translation>The server, the scope, how many organisations and members are on this computer, the last sync.</translation>
    </message>
    <message>
        <source>Đã lưu. Cây tổ chức sẽ thay đổi khi máy chủ đã nhận (ở lần đồng bộ tới).</source>
        <translation>Saved. The organisation tree changes once the server has accepted it (at the next sync).</translation>
    </message>
    <message>
        <source>Đã lưu trên máy này; sẽ gửi lên máy chủ ở lần đồng bộ tới.</source>
        <translation>Saved on this computer; it will be sent to the server at the next sync.</translation>
    </message>
    <message>
        <source>Sửa đổi không được &amp;nhận…</source>
        <translation>Edits &amp;not accepted…</translation>
    </message>
    <message>
        <source>Các sửa đổi máy chủ từ chối hoặc xung đột, lý do của máy chủ và việc có thể làm.</source>
        <translation>The edits the server refused or found in conflict, the server&apos;s reasons and what you can do.</translation>
    </message>
    <message numerus="yes">
        <source>Máy chủ không nhận %n sửa đổi: xem lý do ở Sửa → Sửa đổi không được nhận.</source>
        <translation>
            <numerusform>The server did not accept %n edit: see why in Edit → Edits not accepted.</numerusform>
            <numerusform>The server did not accept %n edits: see why in Edit → Edits not accepted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sửa rồi gửi lại</source>
        <translation>Correct and resend</translation>
    </message>
    <message>
        <source>&amp;Quản trị</source>
        <translation>A&amp;dministration</translation>
    </message>
    <message>
        <source>&amp;Tài khoản…</source>
        <translation>&amp;Accounts…</translation>
    </message>
    <message>
        <source>Khoá, mở khoá, đặt lại mật khẩu, đổi quyền các tài khoản bạn quản lý.</source>
        <translation>Lock, unlock, reset passwords and change roles of the accounts you manage.</translation>
    </message>
    <message>
        <source>Chỉ quản trị viên và cán bộ tổ chức mới quản lý tài khoản.</source>
        <translation>Only administrators and officers manage accounts.</translation>
    </message>
    <message>
        <source>Quản lý tài khoản cần kết nối tới máy chủ: khi kết nối lại, nhấn F5 để đăng nhập rồi mở lại Quản trị → Tài khoản.</source>
        <translation>Managing accounts needs a connection to the server: once connected again, press F5 to sign in, then open Administration → Accounts again.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Đã mở khoá bằng mật khẩu lưu trên máy này vì không kết nối được máy chủ.</source>
        <translation>Unlocked with the password saved on this computer, because the server could not be reached.</translation>
    </message>
    <message>
        <source>&amp;Khoá cửa sổ</source>
        <translation>&amp;Lock the window</translation>
    </message>
    <message>
        <source>Che dữ liệu khi rời máy; mở lại bằng mật khẩu. Việc đồng bộ vẫn tiếp tục.</source>
        <translation>Hides the data while you are away from your desk; unlock with your password. Synchronisation goes on.</translation>
    </message>
    <message>
        <source>Đã chuyển các sửa đổi chưa gửi của bản dữ liệu cũ (%1); chúng sẽ được gửi ở lần đồng bộ tới.</source>
        <translation>Moved the unsent edits of the old copy (%1); they go at the next synchronisation.</translation>
    </message>
    <message>
        <source>Có bản dữ liệu cũ khóa bằng mật khẩu trước đây, có thể còn sửa đổi chưa gửi: Sửa → Sửa đổi trong bản dữ liệu cũ…</source>
        <translation>An old copy of the data, locked with an earlier password, may still hold unsent edits: Edit → Edits in the old copy of the data…</translation>
    </message>
    <message>
        <source>Sửa đổi trong bản dữ liệu &amp;cũ…</source>
        <translation>Edits in the &amp;old copy of the data…</translation>
    </message>
    <message>
        <source>Chuyển các sửa đổi chưa gửi của bản dữ liệu khóa bằng mật khẩu cũ, hoặc bỏ bản đó.</source>
        <translation>Move the unsent edits of the copy locked with the old password, or discard that copy.</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::MemberEventDialog</name>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>&amp;Ngày:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>bắt buộc, ví dụ: 125-QĐ/ĐU</source>
        <translation>required, e.g. 125-QĐ/ĐU</translation>
    </message>
    <message>
        <source>nếu có</source>
        <translation>if any</translation>
    </message>
    <message>
        <source>Số &amp;quyết định:</source>
        <translation>Decision &amp;number:</translation>
    </message>
    <message>
        <source>Chính thức</source>
        <translation>Permanent</translation>
    </message>
    <message>
        <source>Tạm thời</source>
        <translation>Temporary</translation>
    </message>
    <message>
        <source>&amp;Hình thức:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>Ra ngoài tỉnh</source>
        <translation>Out of the province</translation>
    </message>
    <message>
        <source>Về chi bộ cũ (như khi chuyển đi)</source>
        <translation>Back to the former cell (as when transferred out)</translation>
    </message>
    <message>
        <source>Chuyển &amp;đến:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>Vào &amp;chi bộ:</source>
        <translation>Into &amp;cell:</translation>
    </message>
    <message>
        <source>Ghi &amp;chú:</source>
        <translation>N&amp;ote:</translation>
    </message>
    <message>
        <source>Chọn nơi chuyển trong danh sách.</source>
        <translation>Choose the destination from the list.</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::MemberForm</name>
    <message>
        <source>ngày/tháng/năm</source>
        <translation>day/month/year</translation>
    </message>
    <message>
        <source>Thêm đảng viên</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>Hồ sơ đảng viên</source>
        <translation>Member record</translation>
    </message>
    <message>
        <source>Sau khi nhập, trạng thái chỉ thay đổi qua sự kiện &quot;Công nhận đảng viên chính thức&quot;.</source>
        <translation>Once entered, the status changes only through the event &quot;Recognition as an official member&quot;.</translation>
    </message>
    <message>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <source>ví dụ: 48.012345</source>
        <translation>e.g. 48.012345</translation>
    </message>
    <message>
        <source>ví dụ: 012345-ĐN</source>
        <translation>e.g. 012345-ĐN</translation>
    </message>
    <message>
        <source>Lý lịch</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>&amp;Họ:</source>
        <translation>&amp;Family name:</translation>
    </message>
    <message>
        <source>Tên đệ&amp;m:</source>
        <translation>&amp;Middle name:</translation>
    </message>
    <message>
        <source>&amp;Tên:</source>
        <translation>&amp;Given name:</translation>
    </message>
    <message>
        <source>&amp;Giới tính:</source>
        <translation>G&amp;ender:</translation>
    </message>
    <message>
        <source>Ngày &amp;sinh:</source>
        <translation>Date of &amp;birth:</translation>
    </message>
    <message>
        <source>Nơi s&amp;inh:</source>
        <translation>&amp;Place of birth:</translation>
    </message>
    <message>
        <source>&amp;Quê quán:</source>
        <translation>&amp;Home town:</translation>
    </message>
    <message>
        <source>&amp;Dân tộc:</source>
        <translation>E&amp;thnicity:</translation>
    </message>
    <message>
        <source>Số hiệu</source>
        <translation>Identifiers</translation>
    </message>
    <message>
        <source>Số &amp;CCCD:</source>
        <translation>&amp;Citizen ID:</translation>
    </message>
    <message>
        <source>Số thẻ đảng &amp;viên:</source>
        <translation>Party &amp;card number:</translation>
    </message>
    <message>
        <source>Số &amp;lý lịch:</source>
        <translation>Pro&amp;file number:</translation>
    </message>
    <message>
        <source>Quá trình sinh hoạt đảng</source>
        <translation>Party history</translation>
    </message>
    <message>
        <source>Đảng &amp;viên:</source>
        <translation>Member&amp;ship:</translation>
    </message>
    <message>
        <source>Ngày chính &amp;thức:</source>
        <translation>Date &amp;official:</translation>
    </message>
    <message>
        <source>Trình độ</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>Giáo dục &amp;phổ thông:</source>
        <translation>Ge&amp;neral education:</translation>
    </message>
    <message>
        <source>&amp;Ngoại ngữ:</source>
        <translation>Foreign &amp;language:</translation>
    </message>
    <message>
        <source>Tin &amp;học:</source>
        <translation>&amp;IT skills:</translation>
    </message>
    <message>
        <source>Chuyển sinh hoạt, công nhận chính thức, miễn sinh hoạt, từ trần… mỗi việc có ngày và số quyết định.</source>
        <translation>Transfers, recognition as official, exemption, death… each with its date and decision number.</translation>
    </message>
    <message>
        <source>Không mở được hồ sơ</source>
        <translation>Could not open the record</translation>
    </message>
    <message>
        <source>(đơn vị %1)</source>
        <translation>(unit %1)</translation>
    </message>
    <message>
        <source>Đảng viên mới</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>Sinh hoạt tại: %1</source>
        <translation>Belongs to: %1</translation>
    </message>
    <message>
        <source>đang sinh hoạt tạm thời ngoài tỉnh</source>
        <translation>temporarily attached outside the province</translation>
    </message>
    <message>
        <source>đang sinh hoạt tạm thời tại %1</source>
        <translation>temporarily attached to %1</translation>
    </message>
    <message>
        <source>miễn công tác và sinh hoạt đảng từ %1</source>
        <translation>exempt from party duties and meetings since %1</translation>
    </message>
    <message>
        <source>ra khỏi danh sách ngày %1 (%2)</source>
        <translation>left the roster on %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n sửa đổi của hồ sơ này chưa gửi lên máy chủ; hồ sơ hiện như sau khi máy chủ nhận.</source>
        <translation>
            <numerusform>%n edit of this record has not been sent to the server yet; the record is shown as it will be once the server accepts it.</numerusform>
            <numerusform>%n edits of this record have not been sent to the server yet; the record is shown as it will be once the server accepts them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ngày không đúng dạng ngày/tháng/năm (ví dụ 02/09/1990).</source>
        <translation>The date is not in the form day/month/year (e.g. 02/09/1990).</translation>
    </message>
    <message numerus="yes">
        <source>%n ô cần sửa trước khi ghi.</source>
        <translation>
            <numerusform>%n field must be corrected before saving.</numerusform>
            <numerusform>%n fields must be corrected before saving.</numerusform>
        </translation>
    </message>
    <message>
        <source>Không ghi được</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <source>Hoàn tác sửa đổi chưa gửi</source>
        <translation>Undo unsent edits</translation>
    </message>
    <message numerus="yes">
        <source>Bỏ %n sửa đổi chưa gửi của hồ sơ %1? Hồ sơ trở lại như bản đã đồng bộ.</source>
        <translation>
            <numerusform>Drop %n unsent edit of the record of %1? The record goes back to the synced version.</numerusform>
            <numerusform>Drop %n unsent edits of the record of %1? The record goes back to the synced version.</numerusform>
        </translation>
    </message>
    <message>
        <source>Không hoàn tác được</source>
        <translation>Could not undo</translation>
    </message>
    <message numerus="yes">
        <source>%n sửa đổi đang được gửi lên máy chủ nên không hoàn tác được; sau khi đồng bộ, hãy sửa lại nếu cần.</source>
        <translation>
            <numerusform>%n edit is being sent to the server and cannot be undone; after the sync, correct it again if needed.</numerusform>
            <numerusform>%n edits are being sent to the server and cannot be undone; after the sync, correct them again if needed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tôn giá&amp;o:</source>
        <translation>&amp;Religion:</translation>
    </message>
    <message>
        <source>Ngà&amp;y vào Đảng:</source>
        <translation>Date of &amp;admission:</translation>
    </message>
    <message>
        <source>Ch&amp;uyên môn, nghiệp vụ:</source>
        <translation>Professional &amp;qualification:</translation>
    </message>
    <message>
        <source>Lý luận chính t&amp;rị:</source>
        <translation>Political theor&amp;y:</translation>
    </message>
    <message>
        <source>Ghi sự &amp;kiện</source>
        <translation>Record an e&amp;vent</translation>
    </message>
    <message>
        <source>Hoàn tác sửa đổi chư&amp;a gửi</source>
        <translation>&amp;Undo unsent edits</translation>
    </message>
    <message>
        <source>&amp;Bỏ thay đổi</source>
        <translation>&amp;Discard changes</translation>
    </message>
    <message>
        <source>Đưa các ô về như lúc mở hồ sơ.</source>
        <translation>Put the fields back as they were when the record was opened.</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Không hoàn tác được hết</source>
        <translation>Not everything could be undone</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Lưu hồ sơ trên máy này; hồ sơ được gửi lên máy chủ ở lần đồng bộ tới (Ctrl+S).</source>
        <translation>Save the record on this computer; it is sent to the server at the next sync (Ctrl+S).</translation>
    </message>
    <message>
        <source>Chưa lưu</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>Các thay đổi trong hồ sơ chưa được lưu. Lưu trước khi đóng?</source>
        <translation>The changes to this record have not been saved. Save them before closing?</translation>
    </message>
    <message>
        <source>Không bỏ được sửa đổi bị từ chối</source>
        <translation>Could not drop the refused edit</translation>
    </message>
    <message>
        <source>Máy chủ đã không nhận sửa đổi này và không nêu lý do. Hãy kiểm tra lại rồi ghi để gửi lại.</source>
        <translation>The server did not accept this edit and gave no reason. Check it, then save to send it again.</translation>
    </message>
    <message>
        <source>Máy chủ đã không nhận sửa đổi này: %1 Hãy sửa lại rồi ghi để gửi lại.</source>
        <translation>The server did not accept this edit: %1 Correct it, then save to send it again.</translation>
    </message>
    <message numerus="yes">
        <source>Máy chủ không nhận %n sửa đổi của hồ sơ này; xem lý do ở Sửa → Sửa đổi không được nhận.</source>
        <translation>
            <numerusform>The server did not accept %n edit of this record; see why in Edit → Edits not accepted.</numerusform>
            <numerusform>The server did not accept %n edits of this record; see why in Edit → Edits not accepted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sotay::widgets::OrgOperationDialog</name>
    <message>
        <source>Thêm tổ chức đảng trực thuộc</source>
        <translation>Add a subordinate party organisation</translation>
    </message>
    <message>
        <source>Tổ chức mới trực thuộc %1.</source>
        <translation>The new organisation comes under %1.</translation>
    </message>
    <message>
        <source>&amp;Loại tổ chức:</source>
        <translation>&amp;Kind of organisation:</translation>
    </message>
    <message>
        <source>&amp;Mã đơn vị:</source>
        <translation>Unit &amp;code:</translation>
    </message>
    <message>
        <source>&amp;Tên:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Đổi tên tổ chức đảng</source>
        <translation>Rename a party organisation</translation>
    </message>
    <message>
        <source>Đổi tên %1.</source>
        <translation>Rename %1.</translation>
    </message>
    <message>
        <source>&amp;Tên mới:</source>
        <translation>&amp;New name:</translation>
    </message>
    <message>
        <source>Giải thể tổ chức đảng</source>
        <translation>Dissolve a party organisation</translation>
    </message>
    <message>
        <source>Giải thể %1. Tổ chức phải không còn đảng viên và tổ chức trực thuộc; việc này không hoàn tác được sau khi đã gửi lên máy chủ.</source>
        <translation>Dissolve %1. The organisation must have no members and no subordinate organisations left; once sent to the server this cannot be undone.</translation>
    </message>
    <message>
        <source>ví dụ: 125-QĐ/TU</source>
        <translation>for example: 125-QĐ/TU</translation>
    </message>
    <message>
        <source>Số &amp;quyết định:</source>
        <translation>&amp;Decision number:</translation>
    </message>
    <message>
        <source>&amp;Ngày hiệu lực:</source>
        <translation>&amp;Effective on:</translation>
    </message>
    <message>
        <source>%1 không có tổ chức trực thuộc.</source>
        <translation>A %1 has no subordinate organisations.</translation>
    </message>
    <message>
        <source>Chuyển tổ chức đảng sang nơi trực thuộc khác</source>
        <translation>Move a party organisation under another one</translation>
    </message>
    <message>
        <source>Hợp nhất tổ chức đảng</source>
        <translation>Merge a party organisation</translation>
    </message>
    <message>
        <source>Chuyển %1 (cùng các tổ chức trực thuộc và đảng viên) sang trực thuộc:</source>
        <translation>Move %1 (with its subordinate organisations and members) under:</translation>
    </message>
    <message>
        <source>Hợp nhất %1 vào tổ chức dưới đây; đảng viên và tổ chức trực thuộc chuyển theo, %1 kết thúc hoạt động.</source>
        <translation>Merge %1 into the organisation below; its members and subordinate organisations move with it, and %1 ceases to operate.</translation>
    </message>
    <message>
        <source>&amp;Trực thuộc:</source>
        <translation>&amp;Under:</translation>
    </message>
    <message>
        <source>&amp;Hợp nhất vào:</source>
        <translation>&amp;Merge into:</translation>
    </message>
    <message>
        <source>Cần chọn nơi trực thuộc mới.</source>
        <translation>Choose where the organisation goes.</translation>
    </message>
    <message>
        <source>Cần chọn tổ chức hợp nhất vào.</source>
        <translation>Choose the organisation to merge into.</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::OrgTreeModel</name>
    <message numerus="yes">
        <source>%1 - %2 (%3): %n đảng viên</source>
        <translation>
            <numerusform>%1 - %2 (%3): %n member</numerusform>
            <numerusform>%1 - %2 (%3): %n members</numerusform>
        </translation>
    </message>
    <message>
        <source>Tổ chức đảng</source>
        <translation>Party organisation</translation>
    </message>
    <message>
        <source>Đảng viên</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>%1 - %2 (%3), ngày %4</source>
        <translation>%1 - %2 (%3), on %4</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::OrgTreePanel</name>
    <message>
        <source>Tìm tổ chức theo tên hoặc mã (gõ không dấu cũng được)</source>
        <translation>Find an organisation by name or code (accents optional)</translation>
    </message>
    <message>
        <source>Tìm tổ chức đảng</source>
        <translation>Find a party organisation</translation>
    </message>
    <message>
        <source>Cây tổ chức đảng</source>
        <translation>Party organisation tree</translation>
    </message>
    <message>
        <source>Thêm tổ chức trực thuộc...</source>
        <translation>Add a subordinate organisation...</translation>
    </message>
    <message>
        <source>Đổi tên...</source>
        <translation>Rename...</translation>
    </message>
    <message>
        <source>Giải thể...</source>
        <translation>Dissolve...</translation>
    </message>
    <message>
        <source>Chuyển sang nơi trực thuộc khác...</source>
        <translation>Move under another organisation...</translation>
    </message>
    <message>
        <source>Hợp nhất vào tổ chức khác...</source>
        <translation>Merge into another organisation...</translation>
    </message>
    <message>
        <source>Cây tại &amp;ngày:</source>
        <translation>Tree on &amp;date:</translation>
    </message>
    <message>
        <source>Ngày của cây tổ chức</source>
        <translation>Date of the organisation tree</translation>
    </message>
    <message>
        <source>Cây tổ chức ngày %1: chỉ để xem, không có số đảng viên. Danh sách đảng viên bên phải là danh sách hiện tại.</source>
        <translation>Organisation tree on %1: read-only, without member counts. The roster on the right is today&apos;s roster.</translation>
    </message>
    <message>
        <source>Xem cây tổ chức như đã có vào một ngày trước đây (trước các lần chia tách, hợp nhất, đổi tên).</source>
        <translation>Show the organisation tree as it stood on an earlier day (before splits, mergers and renamings).</translation>
    </message>
    <message>
        <source>Cây tổ chức chỉ có dữ liệu từ ngày %1.</source>
        <translation>The organisation tree is only recorded from %1.</translation>
    </message>
    <message>
        <source>Máy này chưa có lịch sử của cây tổ chức: hãy đồng bộ trước.</source>
        <translation>This computer holds no history of the organisation tree yet: please sync first.</translation>
    </message>
    <message>
        <source>Thay đổi cây tổ chức</source>
        <translation>Change the organisation tree</translation>
    </message>
    <message>
        <source>Cây tổ chức đang hiện ngày %1, chỉ để xem. Bỏ chọn &quot;Cây tại ngày&quot; để thay đổi cây tổ chức hiện tại.</source>
        <translation>The organisation tree shows %1, for viewing only. Untick &quot;Tree on date&quot; to change the current tree.</translation>
    </message>
    <message>
        <source>Chưa chọn tổ chức nào. Hãy chọn một tổ chức trên cây (có thể tìm theo tên hoặc mã) rồi làm lại.</source>
        <translation>No organisation is chosen. Choose one in the tree (you can search by name or code), then try again.</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::ReplicaInfoDialog</name>
    <message>
        <source>Về dữ liệu trên máy này</source>
        <translation>About the data on this computer</translation>
    </message>
    <message>
        <source>Máy chủ:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Tài khoản:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Phạm vi:</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>Tổ chức đảng trên máy này:</source>
        <translation>Party organisations on this computer:</translation>
    </message>
    <message>
        <source>Đảng viên trên máy này:</source>
        <translation>Party members on this computer:</translation>
    </message>
    <message>
        <source>Sửa đổi chưa gửi:</source>
        <translation>Unsent edits:</translation>
    </message>
    <message>
        <source>Đồng bộ lần cuối:</source>
        <translation>Last synced:</translation>
    </message>
    <message>
        <source>Tệp dữ liệu:</source>
        <translation>Data file:</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>chưa tải về</source>
        <translation>not downloaded yet</translation>
    </message>
    <message>
        <source>chưa đồng bộ lần nào</source>
        <translation>never synced</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::RosterModel</name>
    <message>
        <source>Miễn sinh hoạt</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Số thẻ đảng</source>
        <translation>Party card number</translation>
    </message>
    <message>
        <source>Chi bộ</source>
        <translation>Party cell</translation>
    </message>
    <message>
        <source>Ngày vào Đảng</source>
        <translation>Admitted on</translation>
    </message>
    <message>
        <source>Ngày chính thức</source>
        <translation>Official since</translation>
    </message>
    <message>
        <source>Số lý lịch</source>
        <translation>Profile number</translation>
    </message>
    <message>
        <source>Quê quán</source>
        <translation>Home town</translation>
    </message>
    <message>
        <source>Giáo dục phổ thông</source>
        <translation>General education</translation>
    </message>
    <message>
        <source>Chuyên môn, nghiệp vụ</source>
        <translation>Professional qualification</translation>
    </message>
    <message>
        <source>Lý luận chính trị</source>
        <translation>Political theory</translation>
    </message>
    <message>
        <source>Miễn sinh hoạt từ ngày</source>
        <translation>Exempt since</translation>
    </message>
    <message>
        <source>Dân tộc</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>Tôn giáo</source>
        <translation>Religion</translation>
    </message>
    <message>
        <source>Số CCCD</source>
        <translation>Citizen ID number</translation>
    </message>
    <message>
        <source>Loại đảng viên</source>
        <translation>Membership</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::RosterPanel</name>
    <message>
        <source>Lọc theo loại đảng viên</source>
        <translation>Filter by membership status</translation>
    </message>
    <message>
        <source>Chính thức và dự bị</source>
        <translation>Official and probationary</translation>
    </message>
    <message>
        <source>Lọc theo giới tính</source>
        <translation>Filter by gender</translation>
    </message>
    <message>
        <source>Nam và nữ</source>
        <translation>Men and women</translation>
    </message>
    <message>
        <source>Lọc theo miễn sinh hoạt</source>
        <translation>Filter by exemption</translation>
    </message>
    <message>
        <source>Kể cả miễn sinh hoạt</source>
        <translation>Including exempt</translation>
    </message>
    <message>
        <source>Không miễn sinh hoạt</source>
        <translation>Not exempt</translation>
    </message>
    <message>
        <source>Chỉ miễn sinh hoạt</source>
        <translation>Exempt only</translation>
    </message>
    <message>
        <source>Lọc theo độ tuổi</source>
        <translation>Filter by age</translation>
    </message>
    <message>
        <source>Mọi độ tuổi</source>
        <translation>All ages</translation>
    </message>
    <message>
        <source>Dưới 31 tuổi</source>
        <translation>Under 31</translation>
    </message>
    <message>
        <source>31 đến 40 tuổi</source>
        <translation>31 to 40</translation>
    </message>
    <message>
        <source>41 đến 50 tuổi</source>
        <translation>41 to 50</translation>
    </message>
    <message>
        <source>51 đến 60 tuổi</source>
        <translation>51 to 60</translation>
    </message>
    <message>
        <source>Trên 60 tuổi</source>
        <translation>Over 60</translation>
    </message>
    <message>
        <source>Cả các tổ chức trực thuộc</source>
        <translation>Include subordinate organisations</translation>
    </message>
    <message>
        <source>Tìm theo họ tên hoặc số thẻ đảng (gõ không dấu cũng được)</source>
        <translation>Find by name or party card number (accents optional)</translation>
    </message>
    <message>
        <source>Tìm đảng viên</source>
        <translation>Find a member</translation>
    </message>
    <message>
        <source>Danh sách đảng viên</source>
        <translation>Membership roster</translation>
    </message>
    <message>
        <source>Chép các dòng đã chọn</source>
        <translation>Copy the selected rows</translation>
    </message>
    <message>
        <source>Không đọc được danh sách đảng viên</source>
        <translation>Could not read the roster</translation>
    </message>
    <message>
        <source>Đang hiện %1 trong %2 đảng viên</source>
        <translation>Showing %1 of %2 members</translation>
    </message>
    <message>
        <source>Lọc theo loại hình cơ sở</source>
        <translation>Filter by category of base organisation</translation>
    </message>
    <message>
        <source>Mọi loại hình cơ sở</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>Không có đảng viên nào khớp với nội dung tìm và các bộ lọc đang chọn.</source>
        <translation>No member matches the search and the filters chosen.</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::SignInDialog</name>
    <message>
        <source>Đăng nhập — Sổ tay đảng viên điện tử</source>
        <translation>Sign in — Sổ tay, the electronic Party member handbook</translation>
    </message>
    <message>
        <source>Máy &amp;chủ:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Đăng &amp;nhập</source>
        <translation>Sign &amp;in</translation>
    </message>
    <message>
        <source>Xin nhập tên đăng nhập.</source>
        <translation>Please enter your username.</translation>
    </message>
    <message>
        <source>Xin nhập mật khẩu.</source>
        <translation>Please enter your password.</translation>
    </message>
    <message>
        <source>Đang đăng nhập vào máy chủ %1…</source>
        <translation>Signing in to the server %1…</translation>
    </message>
    <message>
        <source>Đang kiểm tra mật khẩu với dữ liệu trên máy này…</source>
        <translation>Checking the password against the data on this computer…</translation>
    </message>
    <message>
        <source>Không kết nối được máy chủ</source>
        <translation>Cannot reach the server</translation>
    </message>
    <message>
        <source>%1

Mở dữ liệu đã lưu trên máy này để làm việc ngoại tuyến? Các sửa đổi sẽ được gửi lên máy chủ khi kết nối lại.</source>
        <translation>%1

Open the data saved on this computer and work offline? Your edits will be sent to the server once it can be reached again.</translation>
    </message>
    <message>
        <source>Chứng chỉ &amp;gốc (CA):</source>
        <translation>Root certificate (C&amp;A):</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Cho &amp;phép kết nối không mã hoá (http) tới máy chủ này</source>
        <translation>Allo&amp;w unencrypted connections (http) to this server</translation>
    </message>
    <message>
        <source>Cảnh báo: qua http, mật khẩu và dữ liệu cá nhân của đảng viên đi qua mạng ở dạng không mã hoá; bất kỳ ai trên đường truyền (mạng Wi-Fi, thiết bị mạng, nhà mạng) cũng đọc được, thậm chí sửa được. Chỉ cho phép khi máy chủ chưa có https và mạng này tin cậy được; nên dùng địa chỉ https:// của máy chủ.</source>
        <translation>Warning: over http, passwords and the members&apos; personal data cross the network unencrypted; anyone along the way (a Wi-Fi network, network equipment, the provider) can read them, and even change them. Allow it only when the server has no https yet and this network can be trusted; the server&apos;s https:// address is the better choice.</translation>
    </message>
    <message>
        <source>Chọn tệp chứng chỉ gốc (CA)</source>
        <translation>Choose the root certificate (CA) file</translation>
    </message>
    <message>
        <source>Chứng chỉ (*.pem *.crt *.cer);;Mọi tệp (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>Không bắt buộc</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Tệp chứng chỉ gốc (CA, dạng PEM) do bộ phận công nghệ thông tin cấp, dùng để kiểm tra chứng chỉ của máy chủ https thay cho kho chứng chỉ của hệ thống. Để trống khi máy chủ dùng chứng chỉ mà hệ thống đã tin. Được ghi nhớ cho máy chủ này.</source>
        <translation>Root certificate (CA) file in PEM form, from the IT office, used to check the certificate of an https server instead of the system&apos;s certificate store. Leave it empty when the server uses a certificate the system already trusts. Remembered for this server.</translation>
    </message>
    <message>
        <source>Mật khẩu tạm thời phải được đổi trước khi làm việc. Xin đăng nhập lại để đổi.</source>
        <translation>The temporary password must be changed before you can work. Please sign in again to change it.</translation>
    </message>
    <message>
        <source>Dữ liệu trên máy được tải lại</source>
        <translation>The data on this computer is downloaded again</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::SyncStatusBar</name>
    <message>
        <source>&amp;Hủy đồng bộ</source>
        <translation>&amp;Cancel sync</translation>
    </message>
    <message>
        <source>Dừng lần đồng bộ đầu tiên; lần sau sẽ tiếp tục từ chỗ đã dừng.</source>
        <translation>Stop the first sync; the next one continues where it stopped.</translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Ngoại tuyến</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Chưa đăng nhập</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>Đồng bộ lần cuối: %1</source>
        <translation>Last synced: %1</translation>
    </message>
    <message>
        <source>Chưa đồng bộ lần nào</source>
        <translation>Never synced</translation>
    </message>
    <message numerus="yes">
        <source>%n sửa đổi chưa gửi</source>
        <translation>
            <numerusform>%n unsent edit</numerusform>
            <numerusform>%n unsent edits</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: đã nhận %2</source>
        <translation>%1: %2 received</translation>
    </message>
    <message>
        <source>%1: %2 / %3</source>
        <translation>%1: %2 / %3</translation>
    </message>
    <message>
        <source>Số đảng viên và tổ chức đảng có trên máy này. Xem thêm ở Trợ giúp → Về dữ liệu trên máy này.</source>
        <translation>How many party members and organisations are on this computer. More under Help → About the data on this computer.</translation>
    </message>
    <message>
        <source>Tiến độ đồng bộ</source>
        <translation>Sync progress</translation>
    </message>
    <message>
        <source>Trên máy này: %1 đảng viên, %2 tổ chức đảng</source>
        <translation>On this computer: %1 members, %2 party organisations</translation>
    </message>
    <message>
        <source>Xem các sửa đổi máy chủ không nhận, lý do và việc có thể làm.</source>
        <translation>See the edits the server did not accept, its reasons and what you can do.</translation>
    </message>
    <message numerus="yes">
        <source>%n sửa đổi không được nhận</source>
        <translation>
            <numerusform>%n edit not accepted</numerusform>
            <numerusform>%n edits not accepted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sotay::widgets::TemporaryPasswordDialog</name>
    <message>
        <source>Mật khẩu tạm thời</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <source>Mật khẩu tạm thời của tài khoản %1 ở dưới, chỉ hiện một lần này. Hãy trao tận tay hoặc đọc qua điện thoại cho đúng người dùng, không gửi qua tin nhắn hay thư điện tử. Ở lần đăng nhập tới, người dùng phải đặt mật khẩu mới.</source>
        <translation>The temporary password of the account %1 is below and is shown this once only. Hand it over in person or read it out on the phone to the right user; never send it by text message or e-mail. At the next sign-in the user must set a new password.</translation>
    </message>
    <message>
        <source>&amp;Chép</source>
        <translation>C&amp;opy</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::UnsettledEditsDialog</name>
    <message>
        <source>Sửa đổi không được nhận</source>
        <translation>Edits not accepted</translation>
    </message>
    <message>
        <source>Sửa đổi</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Lúc làm</source>
        <translation>Made</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Sửa rồi &amp;gửi lại</source>
        <translation>Correct and &amp;resend</translation>
    </message>
    <message>
        <source>Mở lại sửa đổi với các giá trị bạn đã nhập để sửa rồi gửi lại (Enter).</source>
        <translation>Reopen the edit with the values you entered, to correct it and send it again (Enter).</translation>
    </message>
    <message>
        <source>&amp;Bỏ sửa đổi này</source>
        <translation>&amp;Drop this edit</translation>
    </message>
    <message>
        <source>Bỏ hẳn sửa đổi này, sau khi bạn xác nhận (Delete).</source>
        <translation>Drop this edit for good, once you confirm (Delete).</translation>
    </message>
    <message>
        <source>&amp;Xem và chọn bản</source>
        <translation>Co&amp;mpare and choose</translation>
    </message>
    <message>
        <source>Xem bản của bạn bên cạnh bản trên máy chủ và chọn bản giữ lại (Enter).</source>
        <translation>See your version beside the server&apos;s and choose the one to keep (Enter).</translation>
    </message>
    <message>
        <source>Đó&amp;ng</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Không đọc được danh sách: %1</source>
        <translation>Could not read the list: %1</translation>
    </message>
    <message>
        <source>Không có sửa đổi nào bị máy chủ từ chối hay xung đột: không có gì cần xử lý.</source>
        <translation>No edit was refused by the server or found in conflict: there is nothing to settle.</translation>
    </message>
    <message numerus="yes">
        <source>Máy chủ chưa nhận %n sửa đổi dưới đây. Chọn một dòng để xem lý do và việc có thể làm.</source>
        <translation>
            <numerusform>The server has not accepted the edit below. Choose it to see why and what you can do.</numerusform>
            <numerusform>The server has not accepted the %n edits below. Choose one to see why and what you can do.</numerusform>
        </translation>
    </message>
    <message>
        <source>(máy chủ không nêu lý do)</source>
        <translation>(the server gave no reason)</translation>
    </message>
    <message>
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>Bị từ chối</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>%1: trong lúc bạn sửa, bản trên máy chủ đã thay đổi.</source>
        <translation>%1: the server&apos;s version changed while you were editing.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Xem bản của bạn bên cạnh bản trên máy chủ rồi chọn bản giữ lại (Enter), hoặc bỏ sửa đổi của bạn và giữ bản trên máy chủ (Delete).</source>
        <translation>Compare your version with the server&apos;s and choose the one to keep (Enter), or drop your edit and keep the server&apos;s version (Delete).</translation>
    </message>
    <message>
        <source>%1: máy chủ không nhận mà không nêu lý do.</source>
        <translation>%1: the server did not accept it and gave no reason.</translation>
    </message>
    <message>
        <source>Hãy đồng bộ lại (F5). Nếu vẫn bị từ chối, kiểm tra lại nội dung rồi sửa và gửi lại (Enter), hoặc báo người quản trị máy chủ; sửa đổi không cần nữa thì bỏ đi (Delete).</source>
        <translation>Sync again (F5). If it is still refused, check what it contains, then correct and resend it (Enter), or tell the server&apos;s administrator; drop an edit that is no longer needed (Delete).</translation>
    </message>
    <message>
        <source>Xử lý điều máy chủ nêu, sửa lại rồi gửi lại (Enter); hoặc bỏ sửa đổi này nếu không cần nữa (Delete).</source>
        <translation>Deal with what the server says, correct the edit and resend it (Enter); or drop it if it is no longer needed (Delete).</translation>
    </message>
    <message>
        <source>Bỏ sửa đổi &quot;%1&quot; và giữ bản trên máy chủ? Việc này không hoàn tác được.</source>
        <translation>Drop the edit &quot;%1&quot; and keep the server&apos;s version? This cannot be undone.</translation>
    </message>
    <message>
        <source>Bỏ sửa đổi bị từ chối &quot;%1&quot;? Sửa đổi sẽ không được gửi lại; việc này không hoàn tác được.</source>
        <translation>Drop the refused edit &quot;%1&quot;? It will not be sent again; this cannot be undone.</translation>
    </message>
    <message>
        <source>Bỏ sửa đổi</source>
        <translation>Drop edit</translation>
    </message>
    <message>
        <source>Không bỏ được sửa đổi</source>
        <translation>Could not drop the edit</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::UserGuideWindow</name>
    <message>
        <source>%1 — Hướng dẫn sử dụng Sổ tay</source>
        <translation>%1 — Sổ tay user guide</translation>
    </message>
    <message>
        <source>Mục lục hướng dẫn</source>
        <translation>Guide contents</translation>
    </message>
    <message>
        <source>Trang hướng dẫn</source>
        <translation>Guide page</translation>
    </message>
    <message>
        <source>◀ Trở lại</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <source>Trang vừa xem (Alt+←)</source>
        <translation>The page seen before (Alt+←)</translation>
    </message>
    <message>
        <source>Tiếp ▶</source>
        <translation>Forward ▶</translation>
    </message>
    <message>
        <source>Trang đã xem tiếp theo (Alt+→)</source>
        <translation>The next page seen (Alt+→)</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
</TS>
