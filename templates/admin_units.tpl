{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Quản trị</a> › Đơn vị hành chính</nav>
<h1>Đơn vị hành chính</h1>
{{#flash}}<p class="notice ok" role="status">{{text}}</p>{{/flash}}
{{#rejected}}
<div class="notice error" role="alert" id="import-errors">
  <p><strong>{{what}} bị từ chối, không nhập gì.</strong> Sửa các dòng sau rồi tải lên lại:</p>
  <ul>{{#errors}}<li>{{where}}: {{why}}</li>{{/errors}}</ul>
  <p>{{more}}</p>
</div>
{{/rejected}}
{{#counts}}<p>Đang có hiệu lực hôm nay: {{provinces}} tỉnh, thành phố · {{districts}} quận, huyện · {{communes}} xã, phường, thị trấn.</p>{{/counts}}
<form method="get" action="/admin/units" class="inline-form">
  <label for="code">Tra mã đơn vị</label>
  <input id="code" name="code" value="{{code}}" inputmode="numeric" placeholder="30037">
  <button type="submit">Tra cứu</button>
</form>
{{#searched}}
{{#no_versions}}<p class="notice">Không có đơn vị nào mang mã này trong phạm vi quản lý của bạn.</p>{{/no_versions}}
<table class="list">
  <thead><tr><th>Mã</th><th>Tên</th><th>Cấp</th><th>Trực thuộc</th><th>Hiệu lực từ</th><th>Đến hết</th></tr></thead>
  <tbody>
  {{#versions}}<tr><td>{{v_code}}</td><td><a href="{{v_href}}">{{v_name}}</a></td><td>{{v_level}}</td><td>{{v_parent}}</td><td>{{v_from}}</td><td>{{v_to}}</td></tr>{{/versions}}
  </tbody>
</table>
{{/searched}}
<h2>Tỉnh, thành phố đang có hiệu lực</h2>
<ul class="columns" id="provinces">{{#provinces}}<li><a href="{{c_href}}">{{c_name}}</a></li>{{/provinces}}</ul>
{{#is_global}}
<h2>Nhập danh mục đơn vị hành chính</h2>
<p class="muted">Tệp CSV (UTF-8, có hoặc không có BOM) tải nguyên như trang danh mục hành chính của cơ quan thống kê xuất ra, với một trong hai dạng cột: danh sách xã (Mã, Tên, Cấp, Mã QH, Quận Huyện, Mã TP, Tỉnh / Thành Phố) hoặc Tỉnh / Thành Phố, Mã TP, Quận Huyện, Mã QH, Phường Xã, Mã PX, Cấp (thứ tự cột bất kỳ; danh mục hai cấp không có cột quận, huyện). Tệp có dòng sai sẽ bị từ chối toàn bộ. Danh mục chính thức đi kèm chương trình được nạp bằng lệnh <code>ecdreport init --units</code>.</p>
<form method="post" action="/admin/units/import" enctype="multipart/form-data" class="stack">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label for="file">Tệp CSV</label>
  <input id="file" name="file" type="file" accept=".csv,text/csv" required>
  <label for="from">Có hiệu lực từ ngày, dd/mm/yyyy (để trống nếu là danh mục đầu tiên)</label>
  <input id="from" name="from" class="date" inputmode="numeric" placeholder="dd/mm/yyyy">
  <button type="submit" class="primary">Nhập danh mục</button>
</form>
<h2>Nhập danh sách sáp nhập xã</h2>
<p class="muted">Tệp CSV với các cột ma_xa_cu, ma_xa_moi, can_cu: xã cũ nào nhập vào xã mới nào, theo nghị quyết nào. Xã mới sẽ xem được báo cáo trước đây của các xã cũ.</p>
<form method="post" action="/admin/units/merges" enctype="multipart/form-data" class="stack">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label for="mfile">Tệp CSV</label>
  <input id="mfile" name="file" type="file" accept=".csv,text/csv" required>
  <label for="mfrom">Xã mới có hiệu lực từ ngày (dd/mm/yyyy)</label>
  <input id="mfrom" name="from" class="date" inputmode="numeric" value="01/07/2025" required>
  <button type="submit" class="primary">Nhập danh sách sáp nhập</button>
</form>
{{/is_global}}
{{>FOOT}}
