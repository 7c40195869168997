{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<h1>Báo cáo các xã — {{unit_name}}</h1>
<form method="get" action="/" class="inline-form">
  <label for="period">Kỳ báo cáo</label>
  <select id="period" name="period">{{#periods}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/periods}}</select>
  <button type="submit">Xem</button>
</form>
<p><strong>{{summary}}</strong> · Hạn nộp {{due}}</p>
<table class="list">
  <thead><tr><th>Xã, phường, thị trấn</th><th>Trạng thái</th><th>Gửi lúc</th><th></th></tr></thead>
  <tbody>
  {{#communes}}
  <tr class="st-{{status}}">
    <td><a href="{{href}}">{{name}}</a></td>
    <td><span class="badge st-{{status}}">{{status_label}}</span>{{#late}} <span class="late">trễ hạn</span>{{/late}}</td>
    <td>{{submitted}}</td>
    <td><a href="{{href}}/print">In báo cáo</a></td>
  </tr>
  {{/communes}}
  </tbody>
</table>
{{#charts}}
<section class="charts">
  <h2>Biểu đồ</h2>
  <figure><img src="{{completeness_src}}" alt="Biểu đồ tình hình nộp báo cáo: {{summary}}"></figure>
  <form method="get" action="/" class="inline-form">
    <input type="hidden" name="period" value="{{chart_period}}">
    <label for="chart">Tỷ lệ theo xã</label>
    <select id="chart" name="chart">{{#chart_options}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/chart_options}}</select>
    <button type="submit">Xem biểu đồ</button>
  </form>
  {{#ratio}}<figure><img src="{{src}}" alt="Biểu đồ tỷ lệ theo từng xã"></figure>{{/ratio}}
</section>
{{/charts}}
{{>FOOT}}
