// The staff console's pure pieces: the settings form read from the schema (kinds, limits, messages in both
// languages), the scanner test's verdicts (the member scanner's own rules), and screen-off hours across midnight.
import { describe, expect, it } from 'vitest';
import { settingFields } from '../../../contracts/staff.ts';
import { reading, type KeyIn } from '../../../renderer/src/staff/scannerLog.ts';
import { checkSetting, formFields, integerDraft, objectDraft } from '../../../renderer/src/staff/settingsForm.ts';
import { inScreenOffHours, screenIsDark } from '../../../renderer/src/staff/display/screenOff.ts';
import { fieldWords } from '../../../renderer/src/staff/staffStrings.ts';

describe('settings form', () => {
  it('has one field per DisplayConfig setting, with the kind and limits of its schema, and words for every choice', () => {
    const fields = formFields();
    expect(fields.map((f) => f.field)).toEqual([...settingFields]);
    expect(Object.fromEntries(fields.map((f) => [f.field, f.rule.kind]))).toEqual({
      role: 'choice', orientation: 'choice', language: 'choice', idleTimeoutSec: 'integer', attractIntervalSec: 'integer', attractPlaylist: 'list',
      camera: 'boolean', expressionMode: 'choice', privacyNotice: 'object', screenOffHours: 'object',
      mapKioskId: 'text', mapBearingDeg: 'integer', routeShareUrl: 'text', proofOfPlay: 'choice',
    });
    expect(fields.find((f) => f.field === 'idleTimeoutSec')!.rule).toEqual({ kind: 'integer', min: 10, max: 600 });
    expect(fields.find((f) => f.field === 'screenOffHours')!.rule).toMatchObject({ kind: 'object', nullable: true });
    expect(fields.find((f) => f.field === 'attractPlaylist')!.rule).toMatchObject({ kind: 'list', nullable: true, minItems: 1, maxItems: 30, item: { kind: 'text' } });
    for (const { field, rule } of fields) {
      if (rule.kind === 'choice') for (const o of rule.options) expect(fieldWords[field].options?.[o], `${field}.${o}`).toBeDefined();
      if (rule.kind === 'object') for (const p of rule.fields) expect(fieldWords[field].parts?.[p.name], `${field}.${p.name}`).toBeDefined();
    }
  });

  it.each([
    ['idleTimeoutSec', integerDraft('5'), '', '请输入 10–600 之间的整数', 'Enter a whole number from 10 to 600'],
    ['idleTimeoutSec', integerDraft('12.5'), '', '请输入 10–600 之间的整数', 'Enter a whole number from 10 to 600'],
    ['idleTimeoutSec', integerDraft(''), '', '请输入 10–600 之间的整数', 'Enter a whole number from 10 to 600'],
    ['attractIntervalSec', integerDraft('61'), '', '请输入 3–60 之间的整数', 'Enter a whole number from 3 to 60'],
    ['role', 'kiosk', '', '请从以下选项中选择：导购屏、互动墙', 'Choose one of: Guide screen, Interactive wall'],
    ['screenOffHours', { from: '7:00', to: '08:00' }, 'from', '请输入时间，格式 HH:MM（00:00–23:59）', 'Enter a time as HH:MM (00:00-23:59)'],
    ['screenOffHours', { from: '08:00', to: '08:00' }, '', '开始和结束时间不能相同', 'Start and end must differ'],
    ['privacyNotice', { zh: '' }, 'zh', '不能为空，最多 300 个字', 'Required, at most 300 characters'],
    ['privacyNotice', { zh: '好', en: 'x'.repeat(301) }, 'en', '请输入 0–300 个字', 'Enter 0 to 300 characters'],
    ['attractPlaylist', [], '', '请选择 1–30 项，或选“全部”', 'Pick 1 to 30, or "All"'],
    ['attractPlaylist', ['cp ok?'], '0', '请选择 1–30 项，或选“全部”', 'Pick 1 to 30, or "All"'],
  ] as const)('%s = %j is refused: %s', (field, value, part, zh, en) => {
    expect(checkSetting(field, value, 'zh-CN')).toMatchObject({ part, message: zh });
    const problem = checkSetting(field, value, 'en')!;
    expect(problem.message).toBe(en);
    expect(problem.detail.length).toBeGreaterThan(0); // the schema's own error
  });

  it.each([
    ['idleTimeoutSec', integerDraft(' 45 ')],
    ['screenOffHours', null],
    ['screenOffHours', { from: '22:30', to: '07:00' }],
    ['privacyNotice', objectDraft({ kind: 'object', nullable: false, fields: [{ name: 'zh', required: true, rule: { kind: 'text', minLength: 1, maxLength: 300, pattern: null } }, { name: 'en', required: false, rule: { kind: 'text', minLength: 0, maxLength: 300, pattern: null } }] }, { zh: '本机不保存画面', en: '' })],
    ['camera', false],
    ['attractPlaylist', null],
    ['attractPlaylist', ['cp-kids-fun', 'cp-winter-sale']],
  ] as const)('%s = %j is accepted', (field, value) => {
    expect(checkSetting(field, value, 'zh-CN')).toBeNull();
  });
});

describe('scanner test readings', () => {
  const keys = (text: string, gapMs: number, enter = true, start = 1000): KeyIn[] => {
    const out = [...text].map((key, i) => ({ key, time: start + i * gapMs }));
    if (enter) out.push({ key: 'Enter', time: start + text.length * gapMs });
    return out;
  };

  it.each([
    ['a scanner burst', keys('9900000000000101', 4), 'scanner', 16, 4],
    ['typing, keys 120 ms apart', keys('9900000000000101', 120), 'slow', 16, 120],
    ['too short', keys('12345', 4), 'short', 5, 4],
    ['no Enter at the end', keys('9900000000000101', 4, false), 'no-enter', 16, 4],
  ] as const)('%s -> %s', (_name, k, verdict, chars, gap) => {
    expect(reading(k)).toMatchObject({ verdict, chars, maxGapMs: gap, text: k.filter((x) => x.key.length === 1).map((x) => x.key).join('') });
  });

  it('nothing typed is no reading', () => {
    expect(reading([{ key: 'Enter', time: 1 }])).toBeNull();
  });
});

describe('screen-off hours', () => {
  const at = (hhmm: string) => new Date(`2026-11-27T${hhmm}:00`);
  it.each([
    [{ from: '22:00', to: '08:00' }, '23:30', true],
    [{ from: '22:00', to: '08:00' }, '03:00', true],
    [{ from: '22:00', to: '08:00' }, '08:00', false],
    [{ from: '22:00', to: '08:00' }, '21:59', false],
    [{ from: '22:00', to: '08:00' }, '22:00', true],
    [{ from: '12:00', to: '13:30' }, '13:00', true],
    [{ from: '12:00', to: '13:30' }, '13:30', false],
    [null, '03:00', false],
  ] as const)('%j at %s -> %s', (hours, time, off) => {
    expect(inScreenOffHours(hours, at(time))).toBe(off);
  });

  it('the screen goes dark only once nobody has touched it for the idle timeout', () => {
    const now = at('23:00');
    expect(screenIsDark({ from: '22:00', to: '08:00' }, now, now.getTime() - 59_000, 60_000)).toBe(false);
    expect(screenIsDark({ from: '22:00', to: '08:00' }, now, now.getTime() - 60_000, 60_000)).toBe(true);
    expect(screenIsDark({ from: '08:00', to: '22:00' }, now, 0, 60_000)).toBe(false);
  });
});
