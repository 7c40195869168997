{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<h1>Báo cáo của {{unit_name}}</h1>
{{#merged}}<div class="notice" id="merged">{{text}}. Báo cáo từ ngày đó do đơn vị mới lập; hãy đề nghị quản trị hệ thống chuyển tài khoản của bạn sang đơn vị mới.</div>{{/merged}}
<table class="list">
  <thead><tr><th>Kỳ báo cáo</th><th>Trạng thái</th><th>Hạn nộp</th><th></th></tr></thead>
  <tbody>
  {{#periods}}
  <tr class="st-{{status}}">
    <td><a href="{{href}}">Báo cáo {{period}}</a></td>
    <td><span class="badge st-{{status}}">{{status_label}}</span>{{#sent}} <span class="muted">gửi lúc {{at}}</span>{{/sent}}
      {{#returned}}<div class="notice error">Cấp trên trả lại: {{reason}}</div>{{/returned}}</td>
    <td>{{due}}{{#late}} <span class="late">quá hạn</span>{{/late}}</td>
    <td>{{#to_do}}<a class="button" href="{{href}}">Nhập báo cáo</a>{{/to_do}}
      <a class="button" href="{{href}}/print">In báo cáo</a>{{#to_do}} <a class="button" href="{{href}}/print?blank=1">In mẫu trống</a>{{/to_do}}</td>
  </tr>
  {{/periods}}
  </tbody>
</table>
{{#has_predecessors}}
<h2>Báo cáo của các xã trước khi sáp nhập</h2>
<ul id="predecessor-reports">{{#predecessors}}<li><a href="{{m_href}}">{{m_label}}</a> <span class="muted">({{m_status}})</span></li>{{/predecessors}}</ul>
{{/has_predecessors}}
{{>FOOT}}
