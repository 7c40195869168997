{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<h1>Quản trị</h1>
<p>Phạm vi quản lý: <strong>{{scope_label}}</strong>. Tài khoản quản trị quản lý đơn vị hành chính, người dùng, kỳ báo cáo và kế hoạch; không xem số liệu báo cáo.</p>
{{#counts}}<p class="muted">Đơn vị đang có hiệu lực hôm nay: {{provinces}} tỉnh, thành phố · {{districts}} quận, huyện · {{communes}} xã, phường, thị trấn.</p>{{/counts}}
<ul class="admin-menu">
  <li><a href="/admin/units">Đơn vị hành chính</a> — danh mục, nhập danh mục chính thức, sáp nhập, thông tin in ấn</li>
  <li><a href="/admin/users">Người dùng</a> — tạo tài khoản, đặt lại mật khẩu, khóa tài khoản</li>
  {{#is_global}}<li><a href="/admin/periods">Kỳ báo cáo</a> — mở kỳ, hạn nộp, khóa kỳ</li>{{/is_global}}
  <li><a href="/admin/plans">Kế hoạch và chỉ tiêu</a></li>
  <li><a href="/admin/log">Nhật ký quản trị</a></li>
  <li><a href="/admin/logins">Đăng nhập không thành công</a> — lần sai mật khẩu, lần bị tạm chặn</li>
  <li><a href="/account/password">Đổi mật khẩu của bạn</a></li>
</ul>
{{>FOOT}}
