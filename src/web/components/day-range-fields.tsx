/** The 开始日期 and 结束日期 of a filter form, as the log pages ask for them: two days, both optional. */
export function DayRangeFields({
  names,
  values,
}: {
  names: { from: string; to: string };
  values: { from: string | undefined; to: string | undefined };
}) {
  return (
    <>
      <div class="field">
        <label for={names.from}>开始日期</label>
        <input type="date" id={names.from} name={names.from} value={values.from ?? ''} />
      </div>
      <div class="field">
        <label for={names.to}>结束日期</label>
        <input type="date" id={names.to} name={names.to} value={values.to ?? ''} />
      </div>
    </>
  );
}
