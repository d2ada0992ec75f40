import type { Rendered } from './renderers/renderer'

/**
 * What a screen shows when it has nothing to play or cannot reach its server for the first
 * time: never a blank panel at a border gate, always who it is and why it is waiting.
 */
export function renderIdle(title: string, lines: readonly { lang: string; text: string }[]): Rendered {
  const root = document.createElement('section')
  root.className = 'idle'
  root.dataset.itemKind = 'idle'
  const h = document.createElement('h1')
  h.textContent = title
  root.append(h)
  for (const line of lines) {
    const p = document.createElement('p')
    p.lang = line.lang
    p.textContent = line.text
    root.append(p)
  }
  return { element: root, prepare: async () => {}, start: () => {}, dispose: () => {} }
}

/**
 * Nothing is on this screen's timeline now: no entry and no default with anything playable, or
 * no programme at all yet. Said as it is (issue 17): "nothing has been published" was untrue on a
 * screen whose entries were published but empty, or whose dayparts are all later.
 */
export const NOTHING_TO_PLAY = [
  { lang: 'vi', text: 'Hiện không có nội dung nào được lên lịch phát trên màn hình này.' },
  { lang: 'zh-Hans', text: '此屏幕当前没有安排播放的内容。' },
  { lang: 'en', text: 'Nothing is scheduled on this screen now.' },
]

/**
 * The item due cannot be shown (its file is gone or damaged, its page refused) and nothing was
 * on screen to keep: better a card saying so than a black panel until the next item.
 */
export const CANNOT_SHOW = [
  { lang: 'vi', text: 'Nội dung này tạm thời không hiển thị được.' },
  { lang: 'zh-Hans', text: '此内容暂时无法显示。' },
  { lang: 'en', text: 'This content cannot be shown at the moment.' },
]

export const CONNECTING = [
  { lang: 'vi', text: 'Đang kết nối tới máy chủ…' },
  { lang: 'zh-Hans', text: '正在连接服务器…' },
  { lang: 'en', text: 'Connecting to the server…' },
]
