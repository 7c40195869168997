{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Quản trị</a> › <a href="/admin/units">Đơn vị hành chính</a> › {{#unit}}{{name}}{{/unit}}</nav>
{{#unit}}
<h1>{{name}} <span class="muted">({{code}})</span></h1>
<p>{{level}} · trực thuộc {{parent}} · hiệu lực từ {{from}} đến hết {{to}}</p>
{{/unit}}
{{#flash}}<p class="notice ok" role="status">{{text}}</p>{{/flash}}
{{#flash_error}}<p class="notice error" role="alert">{{text}}</p>{{/flash_error}}
{{#has_predecessors}}
<h2>Hình thành từ các xã</h2>
<ul>{{#predecessors}}<li><a href="{{s_href}}">{{s_name}}</a> (đến hết {{s_date}}; {{s_basis}})</li>{{/predecessors}}</ul>
{{/has_predecessors}}
{{#has_successors}}
<h2>Đã nhập vào</h2>
<ul>{{#successors}}<li><a href="{{s_href}}">{{s_name}}</a> (từ {{s_date}}; {{s_basis}})</li>{{/successors}}</ul>
{{/has_successors}}
<h2>Đơn vị trực thuộc</h2>
<ul class="columns" id="children">{{#children}}<li><a href="{{c_href}}">{{c_name}}</a></li>{{/children}}</ul>
<h2>Các phiên bản của mã này</h2>
<table class="list">
  <thead><tr><th>Tên</th><th>Cấp</th><th>Trực thuộc</th><th>Hiệu lực từ</th><th>Đến hết</th></tr></thead>
  <tbody>{{#versions}}<tr><td><a href="{{v_href}}">{{v_name}}</a></td><td>{{v_level}}</td><td>{{v_parent}}</td><td>{{v_from}}</td><td>{{v_to}}</td></tr>{{/versions}}</tbody>
</table>
<h2>Thông tin in trên báo cáo</h2>
{{#setting}}
<form method="post" action="/admin/units/{{unit_id}}/settings" class="stack">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label for="office">Cơ quan tham mưu, tổng hợp (ví dụ: Phòng Văn hóa - Xã hội, Sở Y tế)</label>
  <input id="office" name="office" value="{{office}}" maxlength="2000">
  <label for="authority">Thẩm quyền ký (ví dụ: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH)</label>
  <textarea id="authority" name="authority" rows="2" maxlength="2000">{{authority}}</textarea>
  <label for="signer_title">Chức vụ người ký</label>
  <input id="signer_title" name="signer_title" value="{{signer_title}}" maxlength="2000">
  <label for="signer_name">Họ tên người ký</label>
  <input id="signer_name" name="signer_name" value="{{signer_name}}" maxlength="2000">
  <label for="recipients">Nơi nhận (mỗi dòng một nơi)</label>
  <textarea id="recipients" name="recipients" rows="4" maxlength="2000">{{recipients}}</textarea>
  <button type="submit" class="primary">Lưu thông tin in ấn</button>
</form>
{{/setting}}
{{>FOOT}}
