{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Quản trị</a> › Kế hoạch và chỉ tiêu</nav>
<h1>Kế hoạch và chỉ tiêu</h1>
{{#flash}}<p class="notice ok" role="status">{{text}}</p>{{/flash}}
{{#flash_error}}<p class="notice error" role="alert">{{text}}</p>{{/flash_error}}
{{#no_plans}}<p class="notice">Chưa có kế hoạch nào.</p>{{/no_plans}}
<table class="list">
  <thead><tr><th>Kế hoạch</th><th>Số văn bản</th><th>Đơn vị ban hành</th><th>Giai đoạn</th><th>Số chỉ tiêu</th></tr></thead>
  <tbody>{{#plans}}<tr><td><a href="{{l_href}}">{{l_name}}</a></td><td>{{l_doc}}</td><td>{{l_unit}}</td><td>{{l_years}}</td><td>{{l_targets}}</td></tr>{{/plans}}</tbody>
</table>
<h2>Tạo kế hoạch</h2>
<form method="post" action="/admin/plans" class="stack" id="plan-add">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label for="unit">Mã đơn vị ban hành{{#is_global}} (để trống: kế hoạch toàn quốc){{/is_global}}</label>
  <input id="unit" name="unit" value="{{f_unit}}" inputmode="numeric" maxlength="5">
  <label for="unit_date">Đơn vị có hiệu lực vào ngày, dd/mm/yyyy (để trống: hôm nay)</label>
  <input id="unit_date" name="unit_date" value="{{f_unit_date}}" class="date" inputmode="numeric" placeholder="dd/mm/yyyy">
  <label for="name">Tên kế hoạch</label>
  <input id="name" name="name" value="{{f_name}}" maxlength="1000" required>
  <label for="doc_number">Số hiệu văn bản</label>
  <input id="doc_number" name="doc_number" value="{{f_doc_number}}" maxlength="200">
  <label for="year_from">Từ năm</label>
  <input id="year_from" name="year_from" value="{{f_year_from}}" inputmode="numeric" maxlength="4" required>
  <label for="year_to">Đến năm</label>
  <input id="year_to" name="year_to" value="{{f_year_to}}" inputmode="numeric" maxlength="4" required>
  <button type="submit" class="primary">Tạo kế hoạch</button>
</form>
{{>FOOT}}
