{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Quản trị</a> › Kỳ báo cáo</nav>
<h1>Kỳ báo cáo</h1>
{{#flash}}<p class="notice ok" role="status">{{text}}</p>{{/flash}}
{{#flash_error}}<p class="notice error" role="alert">{{text}}</p>{{/flash_error}}
{{#no_periods}}<p class="notice">Chưa có kỳ báo cáo nào.</p>{{/no_periods}}
<table class="list" id="periods">
  <thead><tr><th>Kỳ</th><th>Thời gian</th><th>Hạn nộp và thời gian chốt số liệu</th><th>Trạng thái</th><th></th></tr></thead>
  <tbody>
  {{#periods}}
  <tr id="period-{{k_code}}">
    <td>{{k_code}} — {{k_label}}</td><td>{{k_span}}</td>
    <td><form method="post" action="{{k_base}}/due"><input type="hidden" name="csrf" value="{{csrf}}">
      <input name="due" value="{{k_due}}" class="date" inputmode="numeric" placeholder="dd/mm/yyyy" aria-label="Hạn nộp kỳ {{k_code}}" required>
      <span class="cutoff">Chốt số liệu từ <input name="cutoff_from" value="{{k_cut_from}}" class="date" inputmode="numeric" placeholder="{{k_rule_from}}" aria-label="Chốt số liệu kỳ {{k_code}} từ ngày">
      đến <input name="cutoff_to" value="{{k_cut_to}}" class="date" inputmode="numeric" placeholder="{{k_rule_to}}" aria-label="Chốt số liệu kỳ {{k_code}} đến ngày"></span>
      <button type="submit">Lưu</button></form></td>
    <td>{{k_state}}</td>
    <td>
      {{#k_open}}<form method="post" action="{{k_base}}/lock"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="lock" value="1"><button type="submit">Khóa kỳ</button></form>{{/k_open}}
      {{#k_locked}}<form method="post" action="{{k_base}}/lock"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="lock" value="0"><button type="submit">Mở khóa</button></form>{{/k_locked}}
    </td>
  </tr>
  {{/periods}}
  </tbody>
</table>
<p class="muted">Khi kỳ đã khóa, không ai sửa được báo cáo của kỳ đó.</p>
<p class="muted">Thời gian chốt số liệu để trống thì theo Nghị định 09/2019/NĐ-CP: báo cáo năm từ ngày 15/12 năm trước đến ngày 14/12 năm báo cáo; 6 tháng đầu năm từ ngày 15/12 năm trước đến ngày 14/6; 6 tháng cuối năm từ ngày 15/6 đến ngày 14/12. Thời gian chốt số liệu được in dưới tên báo cáo và hiện trên biểu mẫu.</p>
<h2>Mở kỳ báo cáo</h2>
<form method="post" action="/admin/periods" class="stack" id="period-add">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label for="code">Mã kỳ: 2024 (cả năm), 2024S1 (6 tháng đầu năm), 2024S2 (6 tháng cuối năm)</label>
  <input id="code" name="code" value="{{f_code}}" pattern="[0-9]{4}(S[12])?" maxlength="6" required>
  <label for="due">Hạn nộp (dd/mm/yyyy)</label>
  <input id="due" name="due" value="{{f_due}}" class="date" inputmode="numeric" placeholder="dd/mm/yyyy" required>
  <button type="submit" class="primary">Mở kỳ báo cáo</button>
</form>
{{>FOOT}}
