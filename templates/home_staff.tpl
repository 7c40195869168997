{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Trang chủ</a>{{#up}} › <a href="{{href}}">Đơn vị của tôi</a>{{/up}} › {{unit_name}}</nav>
<h1>{{title}}</h1>
<form method="get" action="/" class="inline-form">
  <input type="hidden" name="unit" value="{{unit_code}}">
  <label for="period">Kỳ báo cáo</label>
  <select id="period" name="period">{{#periods}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/periods}}</select>
  <button type="submit">Xem</button>
</form>
<p><strong id="summary">{{summary}}</strong> · Hạn nộp {{due}}</p>
<p><a class="button" href="{{rollup_href}}">Bảng tổng hợp</a> <a class="button" href="{{indicators_href}}">Bảng chỉ tiêu</a>{{#regroup}} <a class="button" id="regroup-link" href="{{href}}">Tổng hợp theo xã mới</a>{{/regroup}}</p>
<table class="list" id="grid">
  <thead><tr><th>Đơn vị</th><th>Trạng thái</th><th>Gửi lúc</th><th></th></tr></thead>
  <tbody>
  {{#children}}
  {{#commune}}
  <tr class="st-{{status}}">
    <td><a href="{{href}}">{{name}}</a></td>
    <td><span class="badge st-{{status}}">{{status_label}}</span>{{#late}} <span class="late">trễ hạn</span>{{/late}}</td>
    <td>{{submitted}}</td>
    <td>{{#to_review}}<a class="button primary" href="{{href}}#review">Xem xét</a>{{/to_review}} <a href="{{href}}/print">In báo cáo</a></td>
  </tr>
  {{/commune}}
  {{#unit_row}}
  <tr>
    <td><a href="{{href}}">{{name}}</a></td>
    <td>{{counts}}{{#late}} <span class="late">có xã trễ hạn</span>{{/late}}</td>
    <td></td>
    <td><a href="{{table_href}}">Bảng tổng hợp</a></td>
  </tr>
  {{/unit_row}}
  {{/children}}
  </tbody>
</table>
{{#charts}}
<section class="charts">
  <h2>Biểu đồ</h2>
  <figure><img src="{{completeness_src}}" alt="Biểu đồ tình hình nộp báo cáo: {{summary}}"></figure>
  <form method="get" action="/" class="inline-form">
    <input type="hidden" name="unit" value="{{unit_code}}">
    <input type="hidden" name="period" value="{{chart_period}}">
    <label for="chart">Tỷ lệ theo đơn vị trực thuộc</label>
    <select id="chart" name="chart">{{#chart_options}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/chart_options}}</select>
    <button type="submit">Xem biểu đồ</button>
  </form>
  {{#ratio}}<figure><img src="{{src}}" alt="Biểu đồ tỷ lệ theo từng xã"></figure>{{/ratio}}
</section>
{{/charts}}
{{>FOOT}}
