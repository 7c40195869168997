{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs" aria-label="Vị trí"><a href="/">Trang chủ</a>{{#up}} › <a href="{{href}}">Đơn vị của tôi</a>{{/up}} › {{unit_name}}</nav>
<h1>{{title}}</h1>
{{#waiting}}
<section id="waiting" class="waiting" aria-labelledby="waiting-h">
  <h2 id="waiting-h">Chờ duyệt ({{count}})</h2>
  {{#nothing}}<p class="muted">Không có báo cáo nào đang chờ bạn duyệt.</p>{{/nothing}}
  {{#any}}
  <form method="post" action="/review">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p class="muted">Các báo cáo đã gửi, ở mọi kỳ báo cáo. Đánh dấu để duyệt hoặc trả lại nhiều báo cáo cùng lúc; mỗi báo cáo vẫn được ghi riêng vào lịch sử của nó.</p>
    <ul class="waiting-list">
    {{#rows}}
      <li>
        <input type="checkbox" name="pick" id="pick-{{rid}}" value="{{key}}"{{#blocked}} disabled{{/blocked}}>
        <input type="hidden" name="version_{{key}}" value="{{version}}">
        <label for="pick-{{rid}}"><strong>{{name}}</strong> · {{period}}</label>
        <span class="meta"><span class="muted">gửi lúc {{sent}}</span>{{#late}} <span class="late">trễ hạn</span>{{/late}}</span>
        {{#blocked}}<span class="msg error">Có {{errors}} lỗi: mở báo cáo để xem và trả lại.</span>{{/blocked}}
        <a href="{{href}}" class="button">Xem xét</a>
      </li>
    {{/rows}}
    </ul>
    {{#more}}<p class="muted">Còn {{n_more}} báo cáo nữa: duyệt bớt các báo cáo trên rồi tải lại trang.</p>{{/more}}
    <div class="bulk-actions">
      <button type="submit" name="action" value="approve" class="primary" id="bulk-approve">Duyệt các báo cáo đã chọn</button>
      <button type="submit" name="action" value="return_form" id="bulk-return">Trả lại các báo cáo đã chọn…</button>
    </div>
  </form>
  {{/any}}
</section>
{{/waiting}}
<h2>Tình hình nộp báo cáo {{period_label}}</h2>
<form method="get" action="/" class="inline-form">
  <input type="hidden" name="unit" value="{{unit_code}}">
  <label for="period">Kỳ báo cáo</label>
  <select id="period" name="period">{{#periods}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/periods}}</select>
  <button type="submit">Xem</button>
</form>
<p><strong id="summary">{{summary}}</strong> · Hạn nộp {{due}}</p>
{{#own_rows}}<p id="own-rows" class="own-rows">Số liệu của huyện: <span class="badge st-{{own_status}}">{{own_label}}</span> <a class="button" href="{{own_href}}">{{own_action}}</a></p>{{/own_rows}}
<p class="link-row"><a class="button" href="{{rollup_href}}">Bảng tổng hợp</a> <a class="button" href="{{indicators_href}}">Bảng chỉ tiêu</a>{{#regroup}} <a class="button" id="regroup-link" href="{{href}}">Tổng hợp theo xã mới</a>{{/regroup}}</p>
<div class="scroll">
<table class="list sticky-first" id="grid">
  <thead><tr><th scope="col">Đơn vị</th><th scope="col">Trạng thái</th><th scope="col">Gửi lúc</th><th scope="col">Thao tác</th></tr></thead>
  <tbody>
  {{#children}}
  {{#commune}}
  <tr class="st-{{status}}">
    <th scope="row"><a href="{{href}}">{{name}}</a></th>
    <td><span class="badge st-{{status}}">{{status_label}}</span>{{#late}} <span class="late">trễ hạn</span>{{/late}}</td>
    <td>{{submitted}}</td>
    <td class="acts">{{#to_review}}<a class="button primary" href="{{href}}#review">Xem xét</a> {{/to_review}}<a href="{{href}}/print">In báo cáo</a></td>
  </tr>
  {{/commune}}
  {{#unit_row}}
  <tr>
    <th scope="row"><a href="{{href}}">{{name}}</a></th>
    <td>{{counts}}{{#late}} <span class="late">có xã trễ hạn</span>{{/late}}</td>
    <td></td>
    <td class="acts"><a href="{{table_href}}">Bảng tổng hợp</a></td>
  </tr>
  {{/unit_row}}
  {{/children}}
  </tbody>
</table>
</div>
{{#charts}}
<section class="charts">
  <h2>Biểu đồ</h2>
  <figure><img src="{{completeness_src}}" alt="Biểu đồ tình hình nộp báo cáo: {{summary}}"></figure>
  <form method="get" action="/" class="inline-form chart-picker">
    <input type="hidden" name="unit" value="{{unit_code}}">
    <input type="hidden" name="period" value="{{chart_period}}">
    <label for="chart">Tỷ lệ theo đơn vị trực thuộc</label>
    <select id="chart" name="chart">{{#chart_options}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/chart_options}}</select>
    <button type="submit">Xem biểu đồ</button>
  </form>
  {{#ratio}}<figure><picture><source media="{{narrow_media}}" srcset="{{narrow_src}}"><img src="{{src}}" alt="Biểu đồ tỷ lệ theo từng đơn vị trực thuộc"></picture></figure>{{/ratio}}
</section>
{{/charts}}
{{>FOOT}}
