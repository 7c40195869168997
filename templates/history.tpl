{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Trang chủ</a> › <a href="{{report_href}}">Báo cáo {{period_label}} — {{unit_name}}</a> › Lịch sử</nav>
<h1>{{title}}</h1>
<p>Trạng thái hiện nay: <span class="badge st-{{status}}">{{status_label}}</span></p>
<h2>Các bước xử lý</h2>
{{#no_events}}<p class="muted">Báo cáo chưa được gửi lần nào.</p>{{/no_events}}
{{#has_events}}
<table class="list" id="events">
  <thead><tr><th>Thời gian</th><th>Bước</th><th>Người thực hiện</th><th>Lý do</th></tr></thead>
  <tbody>
  {{#events}}<tr class="ev-{{action}}"><td>{{at}}</td><td>{{action_label}}</td><td>{{who}}</td><td>{{reason}}</td></tr>{{/events}}
  </tbody>
</table>
{{/has_events}}
<h2>Thay đổi số liệu</h2>
{{#no_changes}}<p class="muted">Chưa có thay đổi nào được ghi lại.</p>{{/no_changes}}
{{#has_changes}}
<table class="list" id="changes">
  <thead><tr><th>Thời gian</th><th>Chỉ tiêu</th><th>Giá trị cũ</th><th>Giá trị mới</th><th>Người sửa</th></tr></thead>
  <tbody>
  {{#changes}}<tr><td>{{changed_at}}</td><td>{{element}}</td><td class="num">{{old}}</td><td class="num">{{new}}</td><td>{{by}}</td></tr>{{/changes}}
  </tbody>
</table>
{{/has_changes}}
<h2>Ghi chú theo dòng</h2>
{{#has_comments}}
<ul class="comments" id="comments">
  {{#comments}}<li><span class="comment-row">{{label}}</span><br><strong>{{by}}</strong> <span class="muted">({{role}}, {{at}})</span>: {{text}}</li>{{/comments}}
</ul>
{{/has_comments}}
{{#no_comments}}<p class="muted">Chưa có ghi chú nào.</p>{{/no_comments}}
{{>FOOT}}
