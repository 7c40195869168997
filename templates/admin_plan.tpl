{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Quản trị</a> › <a href="/admin/plans">Kế hoạch và chỉ tiêu</a> › {{title}}</nav>
<h1>{{title}}</h1>
{{#flash}}<p class="notice ok" role="status">{{text}}</p>{{/flash}}
{{#flash_error}}<p class="notice error" role="alert">{{text}}</p>{{/flash_error}}
{{#plan}}
<p>Đơn vị ban hành: {{unit}}</p>
<form method="post" action="{{base}}" class="stack">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label for="name">Tên kế hoạch</label>
  <input id="name" name="name" value="{{name}}" maxlength="1000" required>
  <label for="doc_number">Số hiệu văn bản</label>
  <input id="doc_number" name="doc_number" value="{{doc_number}}" maxlength="200">
  <label for="year_from">Từ năm</label>
  <input id="year_from" name="year_from" value="{{year_from}}" inputmode="numeric" maxlength="4" required>
  <label for="year_to">Đến năm</label>
  <input id="year_to" name="year_to" value="{{year_to}}" inputmode="numeric" maxlength="4" required>
  <button type="submit" class="primary">Lưu kế hoạch</button>
</form>
{{/plan}}
<form method="post" action="{{base}}/delete">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <button type="submit">Xóa kế hoạch</button>
</form>
<h2>Chỉ tiêu</h2>
{{#no_targets}}<p class="notice">Kế hoạch chưa có chỉ tiêu nào.</p>{{/no_targets}}
<table class="list" id="targets">
  <thead><tr><th>Chỉ số</th><th>Năm</th><th>Chỉ tiêu</th><th>Thao tác</th></tr></thead>
  <tbody>{{#targets}}<tr><td>{{t_indicator}}</td><td>{{t_year}}</td><td>{{t_target}}</td>
    <td><form method="post" action="{{t_delete}}"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Xóa</button></form></td></tr>{{/targets}}</tbody>
</table>
<h3>Thêm hoặc sửa chỉ tiêu</h3>
<form method="post" action="{{base}}/targets" class="stack" id="target-add">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label for="indicator">Chỉ số</label>
  <select id="indicator" name="indicator" required><option value="">— Chọn —</option>{{#indicators}}<option value="{{i_id}}">{{i_name}}</option>{{/indicators}}</select>
  <label for="year">Năm</label>
  <input id="year" name="year" value="{{default_year}}" inputmode="numeric" maxlength="4" required>
  <label for="op">Điều kiện đạt</label>
  <select id="op" name="op"><option value="&gt;=">≥ (không thấp hơn)</option><option value="&lt;=">≤ (không cao hơn)</option></select>
  <label for="value">Chỉ tiêu (%)</label>
  <input id="value" name="value" inputmode="decimal" placeholder="80" required>
  <button type="submit" class="primary">Lưu chỉ tiêu</button>
</form>
{{>FOOT}}
