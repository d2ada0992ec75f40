import { defineMessages } from '../../i18n/i18n'

/** Every kind of object the audit log names, in the reader's language. */
const OBJECTS = {
  vi: {
    user: 'Tài khoản',
    session: 'Phiên đăng nhập',
    token: 'Mã API',
    site: 'Cửa khẩu',
    'sync-group': 'Nhóm đồng bộ',
    screen: 'Màn hình',
    pairing: 'Ghép nối',
    media: 'Tệp',
    playlist: 'Danh sách phát',
    schedule: 'Lịch phát',
    layout: 'Bố cục',
    emergency: 'Tin khẩn',
    incident: 'Cảnh báo',
    'alert-rules': 'Quy tắc cảnh báo',
    webhook: 'Webhook (thông báo tự động)',
    'cap-source': 'Nguồn cảnh báo chính thức',
    feed: 'Nguồn tin',
    'feed-entry': 'Tin của nguồn tin',
    dataset: 'Bảng dữ liệu',
    'web-origins': 'Trang web được phép',
    backup: 'Sao lưu',
    screenshot: 'Ảnh chụp màn hình',
    'change-set': 'Nhóm phiên bản phát hành cùng lúc',
  },
  zh: {
    user: '账户',
    session: '登录会话',
    token: 'API 令牌',
    site: '口岸',
    'sync-group': '同步组',
    screen: '显示屏',
    pairing: '配对',
    media: '文件',
    playlist: '播放列表',
    schedule: '排期',
    layout: '布局',
    emergency: '紧急信息',
    incident: '告警',
    'alert-rules': '告警规则',
    webhook: 'Webhook（自动通知）',
    'cap-source': '官方预警来源',
    feed: '信息源',
    'feed-entry': '信息源中的信息',
    dataset: '数据表',
    'web-origins': '允许的网站',
    backup: '备份',
    screenshot: '屏幕截图',
    'change-set': '一同发布的版本组',
  },
  en: {
    user: 'Account',
    session: 'Session',
    token: 'API token',
    site: 'Border gate',
    'sync-group': 'Sync group',
    screen: 'Screen',
    pairing: 'Pairing',
    media: 'File',
    playlist: 'Playlist',
    schedule: 'Schedule entry',
    layout: 'Layout',
    emergency: 'Emergency message',
    incident: 'Alert',
    'alert-rules': 'Alert rules',
    webhook: 'Webhook',
    'cap-source': 'Official alert source',
    feed: 'Feed',
    'feed-entry': 'Feed entry',
    dataset: 'Dataset',
    'web-origins': 'Allowed web sites',
    'change-set': 'Versions published together',
    backup: 'Backup',
    screenshot: 'Screenshot',
  },
}

const to = defineMessages('audit.objects', OBJECTS)

export type ObjectType = keyof typeof OBJECTS.vi

export const OBJECT_TYPES = Object.keys(OBJECTS.vi) as ObjectType[]

const isObject = (code: string): code is ObjectType => Object.hasOwn(OBJECTS.vi, code)

/** The kind of object's name for people, or its code when this console does not know it. */
export const objectLabel = (type: string): string => (isObject(type) ? to(type) : type)

/** Families of actions named for no object type: what was reached, signing in, official alerts received. */
const tf = defineMessages('audit.families', {
  vi: {
    access: 'Quyền truy cập',
    login: 'Đăng nhập',
    cap: 'Cảnh báo chính thức',
    agent: 'Máy tính của màn hình',
  },
  zh: { access: '访问权限', login: '登录', cap: '官方预警', agent: '显示屏电脑' },
  en: { access: 'Access', login: 'Signing in', cap: 'Official alerts', agent: "Screens' PCs" },
})
const FAMILIES = new Set(['access', 'login', 'cap', 'agent'])
const isFamily = (code: string): code is 'access' | 'login' | 'cap' | 'agent' => FAMILIES.has(code)

/** A family of actions (the part of a code before its dot) by name, for the action filter. */
export const familyLabel = (family: string): string => (isFamily(family) ? tf(family) : objectLabel(family))
