// Every word of the staff console in both UI languages, with the labels of the settings the form is generated
// for (one entry per DisplayConfig field: a missing label is a type error).
import type { UiLanguage } from '../../../contracts/config.ts';
import type { SettingField, SettingSource, SignInRefusal, StaffAction } from '../../../contracts/staff.ts';
import { fillTemplate, type TemplateValues } from '../i18n/translate.ts';

type Bilingual = Readonly<Record<UiLanguage, string>>;

export const staffStrings = {
  signInTitle: { 'zh-CN': '员工登录', en: 'Staff sign-in' },
  signInHint: { 'zh-CN': '请刷员工卡，或选择您的姓名后输入密码', en: 'Scan your staff card, or choose your name and enter your PIN' },
  signInNoStaff: { 'zh-CN': '本机尚未收到员工名单，请联系总部', en: 'This screen has no staff list from HQ yet; please contact HQ' },
  enterPin: { 'zh-CN': '{name}，请输入密码', en: '{name}, enter your PIN' },
  pinDots: { 'zh-CN': '已输入 {count} 位', en: '{count} digits entered' },
  pinClear: { 'zh-CN': '清除', en: 'Clear' },
  pinOk: { 'zh-CN': '确定', en: 'OK' },
  back: { 'zh-CN': '返回', en: 'Back' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  checking: { 'zh-CN': '正在验证…', en: 'Checking…' },
  cardHint: { 'zh-CN': '也可以直接刷员工卡', en: 'Or scan your staff card' },
  refusedWrongPin: { 'zh-CN': '密码错误，还可尝试 {left} 次', en: 'Wrong PIN: {left} tries left' },
  refusedUnknownCard: { 'zh-CN': '无法识别此卡，还可尝试 {left} 次', en: 'Card not recognised: {left} tries left' },
  refusedUnknownStaff: { 'zh-CN': '此员工已不在名单中，还可尝试 {left} 次', en: 'This person is no longer on the staff list: {left} tries left' },
  refusedLocked: { 'zh-CN': '尝试次数过多，登录已锁定至 {time}', en: 'Too many tries: sign-in is locked until {time}' },
  refusedNoStaff: { 'zh-CN': '本机没有员工名单，无法登录', en: 'No staff list on this screen: nobody can sign in' },
  signInFailed: { 'zh-CN': '暂时无法验证，请稍后再试', en: 'Could not check that just now; please try again' },

  consoleTitle: { 'zh-CN': '员工控制台', en: 'Staff console' },
  signOut: { 'zh-CN': '退出登录', en: 'Sign out' },
  autoSignOut: { 'zh-CN': '{seconds} 秒后无操作将自动退出', en: 'Signing out in {seconds} s unless you touch the screen' },
  idleNote: { 'zh-CN': '2 分钟无操作自动退出', en: 'Signs out after 2 minutes without a touch' },
  role_staff: { 'zh-CN': '店员', en: 'Staff' },
  role_manager: { 'zh-CN': '经理', en: 'Manager' },
  role_technician: { 'zh-CN': '技术员', en: 'Technician' },

  tabSettings: { 'zh-CN': '设置', en: 'Settings' },
  tabStatus: { 'zh-CN': '状态', en: 'Status' },
  tabActions: { 'zh-CN': '操作', en: 'Actions' },
  tabScanner: { 'zh-CN': '扫码器测试', en: 'Scanner test' },
  tabCamera: { 'zh-CN': '摄像头测试', en: 'Camera test' },

  settingsIntro: {
    'zh-CN': '在此修改的设置仅对本屏生效，并上报总部。总部之后若修改同一项，以总部为准。',
    en: 'Changes here apply to this screen only and are reported to HQ. If HQ later changes the same setting, HQ\'s value applies.',
  },
  source_default: { 'zh-CN': '默认值', en: 'Default' },
  'source_local-config': { 'zh-CN': '本机配置文件', en: 'Config file' },
  source_hq: { 'zh-CN': '总部下发 v{version}', en: 'From HQ v{version}' },
  source_staff: { 'zh-CN': '本机修改 · {name}', en: 'Changed here · {name}' },
  clearOverride: { 'zh-CN': '恢复总部设置', en: 'Use HQ\'s setting' },
  clearOverrideNoHq: { 'zh-CN': '恢复默认', en: 'Undo change' },
  save: { 'zh-CN': '保存', en: 'Save' },
  saved: { 'zh-CN': '已保存', en: 'Saved' },
  saving: { 'zh-CN': '正在保存…', en: 'Saving…' },
  saveFailed: { 'zh-CN': '保存失败：{detail}', en: 'Not saved: {detail}' },
  on: { 'zh-CN': '开启', en: 'On' },
  off: { 'zh-CN': '关闭', en: 'Off' },
  none: { 'zh-CN': '不熄屏', en: 'Never' },
  enabled: { 'zh-CN': '启用', en: 'Use' },
  allowedInteger: { 'zh-CN': '请输入 {min}–{max} 之间的整数', en: 'Enter a whole number from {min} to {max}' },
  allowedChoice: { 'zh-CN': '请从以下选项中选择：{options}', en: 'Choose one of: {options}' },
  allowedText: { 'zh-CN': '请输入 {min}–{max} 个字', en: 'Enter {min} to {max} characters' },
  allowedList: { 'zh-CN': '请选择 {min}–{max} 项，或选“全部”', en: 'Pick {min} to {max}, or "All"' },
  playlistAll: { 'zh-CN': '全部（按优先级）', en: 'All (by priority)' },
  playlistPick: { 'zh-CN': '自选', en: 'Pick' },
  playlistHint: { 'zh-CN': '按点选顺序轮播；再点一次取消', en: 'Shown in the order you tap them; tap again to remove' },
  playlistNotRunning: { 'zh-CN': '（未在进行）', en: '(not running)' },
  allowedRequiredText: { 'zh-CN': '不能为空，最多 {max} 个字', en: 'Required, at most {max} characters' },
  allowedTime: { 'zh-CN': '请输入时间，格式 HH:MM（00:00–23:59）', en: 'Enter a time as HH:MM (00:00-23:59)' },
  allowedDifferentTimes: { 'zh-CN': '开始和结束时间不能相同', en: 'Start and end must differ' },
  allowedBoolean: { 'zh-CN': '请选择开启或关闭', en: 'Choose on or off' },

  statusIntro: { 'zh-CN': '每 3 秒刷新', en: 'Refreshes every 3 seconds' },
  statusHq: { 'zh-CN': '总部连接（MQTT）', en: 'HQ connection (MQTT)' },
  state_disabled: { 'zh-CN': '未配置总部', en: 'No HQ configured' },
  state_connecting: { 'zh-CN': '正在连接', en: 'Connecting' },
  state_online: { 'zh-CN': '在线', en: 'Online' },
  state_offline: { 'zh-CN': '离线（自动重连中）', en: 'Offline (reconnecting)' },
  statusNetwork: { 'zh-CN': '本机网络', en: 'Network' },
  networkOnline: { 'zh-CN': '已连接', en: 'Connected' },
  networkOffline: { 'zh-CN': '未连接', en: 'Not connected' },
  statusOutbox: { 'zh-CN': '待上报事件', en: 'Events waiting for HQ' },
  statusLastSync: { 'zh-CN': '上次同步', en: 'Last sync' },
  never: { 'zh-CN': '从未', en: 'Never' },
  statusCatalog: { 'zh-CN': '目录版本', en: 'Catalog version' },
  catalogCounts: { 'zh-CN': '{stores} 家店铺 · {campaigns} 个活动 · {coupons} 张券 · {staff} 名员工', en: '{stores} stores · {campaigns} campaigns · {coupons} coupons · {staff} staff' },
  statusConfig: { 'zh-CN': '配置', en: 'Config' },
  configLine: { 'zh-CN': '总部 v{version} · 本机修改 {count} 项', en: 'HQ v{version} · {count} changed here' },
  configLineNoHq: { 'zh-CN': '总部尚未下发配置 · 本机修改 {count} 项', en: 'Nothing from HQ yet · {count} changed here' },
  statusModel: { 'zh-CN': '表情模型', en: 'Expression model' },
  modelNone: { 'zh-CN': '无法读取（本机未安装互动墙功能）', en: 'Not available (no wall features on this agent)' },
  model_ok: { 'zh-CN': '正常', en: 'OK' },
  model_missing: { 'zh-CN': '缺失', en: 'Missing' },
  model_corrupt: { 'zh-CN': '文件损坏', en: 'Corrupt' },
  model_failed: { 'zh-CN': '加载失败', en: 'Failed to load' },
  cameraFeatures: { 'zh-CN': '摄像头功能：{state}', en: 'Camera features: {state}' },
  camera_ready: { 'zh-CN': '可用', en: 'ready' },
  camera_disabled: { 'zh-CN': '已停用', en: 'off' },
  statusContent: { 'zh-CN': '广告内容', en: 'Signage content' },
  contentValue: { 'zh-CN': '{ready} 个就绪', en: '{ready} ready' },
  contentCounts: { 'zh-CN': '待下载 {missing} · 下载中 {downloading} · 失败 {failed}', en: '{missing} to fetch · {downloading} downloading · {failed} failed' },
  contentDisk: { 'zh-CN': '磁盘 {used} / {quota} MB', en: 'Disk {used} / {quota} MB' },
  contentRefused: { 'zh-CN': 'HQ 目录中 {count} 个素材被拒收：{reason}', en: '{count} asset(s) of HQ\'s catalog refused: {reason}' },
  contentNone: { 'zh-CN': '无法读取（本机代理版本较旧）', en: 'Not available (older agent)' },
  statusDevice: { 'zh-CN': '设备', en: 'Device' },
  uptime: { 'zh-CN': '已运行 {time}', en: 'up {time}' },
  statusScreen: { 'zh-CN': '屏幕', en: 'Screen' },
  lastError: { 'zh-CN': '最近错误：{error}', en: 'Last error: {error}' },
  reconnects: { 'zh-CN': '重连 {count} 次 · 拒收消息 {refused} 条', en: '{count} reconnects · {refused} messages refused' },
  recentAudit: { 'zh-CN': '最近的员工操作', en: 'Recent staff actions' },
  'audit_sign-in': { 'zh-CN': '登录', en: 'Signed in' },
  'audit_sign-in-refused': { 'zh-CN': '登录被拒', en: 'Sign-in refused' },
  'audit_locked-out': { 'zh-CN': '登录锁定', en: 'Locked out' },
  'audit_sign-out': { 'zh-CN': '退出', en: 'Signed out' },
  'audit_setting-changed': { 'zh-CN': '修改设置', en: 'Setting changed' },
  'audit_setting-cleared': { 'zh-CN': '恢复设置', en: 'Setting restored' },
  'audit_override-superseded': { 'zh-CN': '总部接管设置', en: 'HQ took a setting back' },
  audit_action: { 'zh-CN': '执行操作', en: 'Action' },
  'audit_diagnostics-exported': { 'zh-CN': '导出诊断', en: 'Diagnostics exported' },

  actionsIntro: { 'zh-CN': '与总部远程指令相同的操作。每次操作都会记录并上报总部。', en: 'The same operations HQ can send remotely. Every one is logged and reported to HQ.' },
  'action_sync-now': { 'zh-CN': '立即同步', en: 'Sync now' },
  'action_sync-now_desc': { 'zh-CN': '重新获取总部目录和配置，并上传待发送事件', en: 'Fetch HQ\'s catalog and config again and send waiting events' },
  'action_reload-ui': { 'zh-CN': '重新加载界面', en: 'Reload UI' },
  'action_reload-ui_desc': { 'zh-CN': '刷新本屏页面（退出控制台）', en: 'Reload the screen\'s page (leaves the console)' },
  'action_restart-agent': { 'zh-CN': '重启后台服务', en: 'Restart agent' },
  'action_restart-agent_desc': { 'zh-CN': '重启本机后台服务，约 10 秒后恢复', en: 'Restart the kiosk agent; the screen is back in about 10 s' },
  actionExport: { 'zh-CN': '导出诊断信息', en: 'Export diagnostics' },
  actionExport_desc: { 'zh-CN': '日志与状态（JSON 文件，不含会员数据）', en: 'Logs and status as a JSON file (no member data)' },
  run: { 'zh-CN': '执行', en: 'Run' },
  exportButton: { 'zh-CN': '导出', en: 'Export' },
  confirmAgain: { 'zh-CN': '再点一次确认', en: 'Tap again to confirm' },
  actionRunning: { 'zh-CN': '正在执行…', en: 'Running…' },
  actionDone: { 'zh-CN': '完成', en: 'Done' },
  actionFailed: { 'zh-CN': '未完成：{detail}', en: 'Not done: {detail}' },
  exported: { 'zh-CN': '已导出 {file}，本机副本：{path}', en: 'Exported {file}; a copy is kept at {path}' },

  scannerIntro: { 'zh-CN': '请在扫码器上扫一个码，或刷一张卡。这里只显示，不做任何处理。', en: 'Scan a code or a card with the scanner. It is only shown here, nothing else happens.' },
  scannerWaiting: { 'zh-CN': '等待扫码…', en: 'Waiting for a scan…' },
  scannerChars: { 'zh-CN': '{count} 个字符', en: '{count} characters' },
  scannerTiming: { 'zh-CN': '用时 {duration} 毫秒 · 最大间隔 {gap} 毫秒', en: '{duration} ms in all · longest gap {gap} ms' },
  scannerOk: { 'zh-CN': '扫码器输入（会员扫码可识别）', en: 'Scanner input (member scanning will recognise it)' },
  scannerSlow: { 'zh-CN': '按键间隔过长，像手动输入，不会被当作扫码', en: 'Keys too far apart: looks like typing, not taken as a scan' },
  scannerShort: { 'zh-CN': '太短（少于 {min} 个字符），不会被当作扫码', en: 'Too short (under {min} characters): not taken as a scan' },
  scannerNoEnter: { 'zh-CN': '没有以回车结束，不会被当作扫码', en: 'Not ended with Enter: not taken as a scan' },

  cameraIntro: { 'zh-CN': '预览仅显示在本屏，不录制、不保存、不上传。离开此页即关闭摄像头。', en: 'The preview is shown on this screen only: nothing is recorded, stored or sent. Leaving this page turns the camera off.' },
  cameraSettingOff: { 'zh-CN': '注意：设置中摄像头已关闭，顾客功能不会使用摄像头。', en: 'Note: the camera is switched off in settings; shopper features will not use it.' },
  cameraStarting: { 'zh-CN': '正在打开摄像头…', en: 'Starting the camera…' },
  cameraRunning: { 'zh-CN': '{label} · {width}×{height} · {fps} 帧/秒', en: '{label} · {width}×{height} · {fps} fps' },
  cameraError: { 'zh-CN': '无法打开摄像头：{detail}', en: 'The camera could not be opened: {detail}' },
  cameraStop: { 'zh-CN': '关闭摄像头', en: 'Stop camera' },
  cameraStart: { 'zh-CN': '打开摄像头', en: 'Start camera' },
  cameraStopped: { 'zh-CN': '摄像头已关闭', en: 'The camera is off' },
} satisfies Record<string, Bilingual>;

export type StaffStringKey = keyof typeof staffStrings;

export function st(lang: UiLanguage, key: StaffStringKey, values?: TemplateValues): string {
  return fillTemplate(staffStrings[key][lang], values);
}

type FieldWords = { label: Bilingual; help: Bilingual; options?: Record<string, Bilingual>; parts?: Record<string, Bilingual> };

/** Labels for the settings form: the form's fields, their kinds and limits come from the schema (contracts/staff.ts). */
export const fieldWords: Record<SettingField, FieldWords> = {
  role: {
    label: { 'zh-CN': '设备角色', en: 'Device role' },
    help: { 'zh-CN': '导购屏或互动墙，切换后立即生效', en: 'Guide screen or interactive wall; switches at once' },
    options: { guide: { 'zh-CN': '导购屏', en: 'Guide screen' }, wall: { 'zh-CN': '互动墙', en: 'Interactive wall' } },
  },
  orientation: {
    label: { 'zh-CN': '屏幕方向', en: 'Orientation' },
    help: { 'zh-CN': '与窗口方向不同时，界面顺时针旋转 90° 显示', en: 'When the window is the other shape, the UI turns 90° clockwise' },
    options: { auto: { 'zh-CN': '自动', en: 'Auto' }, portrait: { 'zh-CN': '竖屏', en: 'Portrait' }, landscape: { 'zh-CN': '横屏', en: 'Landscape' } },
  },
  language: {
    label: { 'zh-CN': '默认语言', en: 'Default language' },
    help: { 'zh-CN': '每位顾客开始时的语言', en: 'The language each shopper starts in' },
    options: { 'zh-CN': { 'zh-CN': '中文', en: '中文 (Chinese)' }, en: { 'zh-CN': 'English（英文）', en: 'English' } },
  },
  idleTimeoutSec: {
    label: { 'zh-CN': '无操作返回时间（秒）', en: 'Idle timeout (seconds)' },
    help: { 'zh-CN': '无人触摸多久后清空并回到待机轮播', en: 'How long without a touch before the screen forgets the shopper and returns to the attract loop' },
  },
  attractIntervalSec: {
    label: { 'zh-CN': '轮播间隔（秒）', en: 'Attract interval (seconds)' },
    help: { 'zh-CN': '待机轮播每个活动停留的时间', en: 'How long each promotion stays on the attract loop' },
  },
  camera: {
    label: { 'zh-CN': '摄像头', en: 'Camera' },
    help: { 'zh-CN': '关闭后，所有摄像头功能停用，其他功能照常', en: 'Off turns every camera feature off; everything else keeps working' },
    options: { true: { 'zh-CN': '开启', en: 'On' }, false: { 'zh-CN': '关闭', en: 'Off' } },
  },
  expressionMode: {
    label: { 'zh-CN': '表情互动模式', en: 'Expression mode' },
    help: { 'zh-CN': '互动墙何时开启摄像头', en: 'When the wall turns its camera on' },
    options: { 'opt-in': { 'zh-CN': '顾客点击后开启', en: 'Opt-in (tap to start)' }, 'always-on': { 'zh-CN': '始终开启', en: 'Always on' } },
  },
  privacyNotice: {
    label: { 'zh-CN': '隐私提示文字', en: 'Privacy notice' },
    help: { 'zh-CN': '摄像头开启时显示；未设置时使用内置文字', en: 'Shown whenever the camera is on; the built-in text when not set' },
    parts: { zh: { 'zh-CN': '中文', en: 'Chinese' }, en: { 'zh-CN': '英文（可选）', en: 'English (optional)' } },
  },
  attractPlaylist: {
    label: { 'zh-CN': '轮播内容', en: 'Attract playlist' },
    help: { 'zh-CN': '待机轮播展示哪些活动、按什么顺序；选“全部”则展示所有进行中的活动', en: 'Which campaigns the attract loop shows, in which order; "All" shows every running campaign' },
  },
  screenOffHours: {
    label: { 'zh-CN': '熄屏时段', en: 'Screen-off hours' },
    help: { 'zh-CN': '此时段内无人使用时黑屏，触摸即亮屏', en: 'The screen goes dark in these hours when nobody uses it; a touch wakes it' },
    parts: { from: { 'zh-CN': '从', en: 'From' }, to: { 'zh-CN': '至', en: 'To' } },
  },  mapKioskId: {
    label: { 'zh-CN': '地图上的本机位置', en: 'This screen on the map' },
    help: { 'zh-CN': '“您在这里”所用的 IMDF 要素编号；留空则用地图中唯一的信息屏', en: 'The IMDF feature id used for "you are here"; empty: the map\'s only kiosk' },
  },
  mapBearingDeg: {
    label: { 'zh-CN': '屏幕朝向（度）', en: 'Screen facing (degrees)' },
    help: { 'zh-CN': '面对屏幕时前方的方位（北为 0，顺时针）；地图随之旋转', en: 'Which way is ahead when facing the screen (0 = north, clockwise); the map turns to match' },
  },
  routeShareUrl: {
    label: { 'zh-CN': '路线分享链接', en: 'Route link for phones' },
    help: { 'zh-CN': '二维码打开的链接，{from} {to} {stepFree} {mall} 会被替换，不含个人信息', en: 'The link the QR opens; {from} {to} {stepFree} {mall} are filled in; nothing personal' },
  },
  proofOfPlay: {
    label: { 'zh-CN': '播放记录上报', en: 'Proof of play' },
    help: { 'zh-CN': '逐条上报每次播放，或按小时汇总后上报（消息更少）', en: 'Send each item shown, or hourly totals (fewer messages)' },
    options: { each: { 'zh-CN': '逐条', en: 'Each item' }, hourly: { 'zh-CN': '按小时汇总', en: 'Hourly totals' } },
  },

};

export function refusalText(lang: UiLanguage, reason: SignInRefusal, left: number, lockedUntil: string | null): string {
  switch (reason) {
    case 'wrong_pin': return st(lang, 'refusedWrongPin', { left });
    case 'unknown_card': return st(lang, 'refusedUnknownCard', { left });
    case 'unknown_staff': return st(lang, 'refusedUnknownStaff', { left });
    case 'no_staff': return st(lang, 'refusedNoStaff');
    case 'locked_out': return st(lang, 'refusedLocked', { time: lockedUntil ? clockTime(lockedUntil, lang) : '—' });
  }
}

export function sourceText(lang: UiLanguage, source: SettingSource, hqVersion: number, staffName: string): string {
  switch (source) {
    case 'default': return st(lang, 'source_default');
    case 'local-config': return st(lang, 'source_local-config');
    case 'hq': return st(lang, 'source_hq', { version: hqVersion });
    case 'staff': return st(lang, 'source_staff', { name: staffName });
  }
}

export function actionLabel(lang: UiLanguage, action: StaffAction): string {
  return st(lang, `action_${action}`);
}

/** 16:05 in the kiosk's own time zone. */
export function clockTime(iso: string, lang: UiLanguage): string {
  return new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', hour12: false });
}
