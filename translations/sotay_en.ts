<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
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
        <translation type="unfinished"></translation>
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
    <name>ServerConfig</name>
    <message>
        <source>Địa chỉ lắng nghe &quot;%1&quot; phải có dạng MÁY:CỔNG, ví dụ 127.0.0.1:8080.</source>
        <translation>The listen address &quot;%1&quot; must have the form HOST:PORT, for example 127.0.0.1:8080.</translation>
    </message>
</context>
<context>
    <name>ServerProbe</name>
    <message>
        <source>Địa chỉ máy chủ &quot;%1&quot; không hợp lệ; ví dụ đúng: http://127.0.0.1:8080</source>
        <translation>The server address &quot;%1&quot; is not valid; a valid example: http://127.0.0.1:8080</translation>
    </message>
    <message>
        <source>Bản này chưa hỗ trợ kết nối https.</source>
        <translation>This version does not support https connections yet.</translation>
    </message>
    <message>
        <source>Không kết nối được tới máy chủ %1: %2</source>
        <translation>Could not connect to server %1: %2</translation>
    </message>
    <message>
        <source>máy chủ trả lời mã %1</source>
        <translation>the server replied with status %1</translation>
    </message>
    <message>
        <source>quá thời gian chờ</source>
        <translation>the connection timed out</translation>
    </message>
    <message>
        <source>máy chủ không nhận kết nối</source>
        <translation>the server refused the connection</translation>
    </message>
</context>
<context>
    <name>SotayServer</name>
    <message>
        <source>Không mở được cổng %1:%2: %3</source>
        <translation>Could not open port %1:%2: %3</translation>
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
</context>
<context>
    <name>sotay-console</name>
    <message>
        <source>Bảng điều khiển quản trị Sổ tay đảng viên điện tử, dành cho cán bộ Ban Tổ chức và các cấp ủy.</source>
        <translation>Administration console of the Sổ tay electronic party member handbook, for Organisation Commission staff and party committees.</translation>
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
        <source>Địa chỉ máy chủ (mặc định: http://127.0.0.1:8080).</source>
        <translation>Server address (default: http://127.0.0.1:8080).</translation>
    </message>
    <message>
        <source>Máy này không có màn hình (DISPLAY/WAYLAND_DISPLAY trống), nên không mở được bảng điều khiển. Hãy chạy trên máy có giao diện đồ họa.</source>
        <translation>This machine has no display (DISPLAY/WAYLAND_DISPLAY is empty), so the console cannot open. Run it on a machine with a graphical desktop.</translation>
    </message>
</context>
<context>
    <name>sotay-server</name>
    <message>
        <source>Máy chủ Sổ tay đảng viên điện tử: lưu cây tổ chức, danh sách đảng viên và phục vụ bảng điều khiển cùng ứng dụng của đảng viên qua HTTP.</source>
        <translation>Server of the Sổ tay electronic party member handbook: stores the organisation tree and the membership roster, and serves the administration console and the party members&apos; app over HTTP.</translation>
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
        <source>Số luồng xử lý yêu cầu (mặc định: 16, từ 1 đến 256).</source>
        <translation>Number of threads that handle requests (default: 16, from 1 to 256).</translation>
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
        <source>Máy chủ Sổ tay đang chạy tại http://%1:%2 (dữ liệu: %3)</source>
        <translation>Sổ tay server running at http://%1:%2 (data: %3)</translation>
    </message>
    <message>
        <source>Đang dừng: chờ các yêu cầu đang xử lý hoàn tất...</source>
        <translation>Stopping: waiting for requests in progress to finish...</translation>
    </message>
    <message>
        <source>Đã dừng.</source>
        <translation>Stopped.</translation>
    </message>
</context>
<context>
    <name>sotay::widgets::MainWindow</name>
    <message>
        <source>Sổ tay đảng viên điện tử — Bảng điều khiển quản trị</source>
        <translation>Sổ tay Electronic Party Member Handbook — Administration Console</translation>
    </message>
    <message>
        <source>Máy chủ: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Kiểm tra kết nối</source>
        <translation>&amp;Check Connection</translation>
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
        <source>Đang kết nối tới máy chủ %1…</source>
        <translation>Connecting to server %1…</translation>
    </message>
    <message>
        <source>Đã kết nối tới máy chủ %1 (phiên bản %2).</source>
        <translation>Connected to server %1 (version %2).</translation>
    </message>
    <message>
        <source>Giới thiệu Sổ tay</source>
        <translation>About Sổ tay</translation>
    </message>
    <message>
        <source>Sổ tay đảng viên điện tử — bảng điều khiển quản trị, phiên bản %1.
Qt %2.</source>
        <translation>Sổ tay electronic party member handbook — administration console, version %1.
Qt %2.</translation>
    </message>
</context>
</TS>
