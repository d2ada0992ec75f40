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

export const NOTHING_TO_PLAY = [
  { lang: 'vi', text: 'Chưa có nội dung được phát hành cho màn hình này.' },
  { lang: 'zh-Hans', text: '此屏幕暂无已发布的内容。' },
  { lang: 'en', text: 'Nothing has been published to this screen yet.' },
]

export const CONNECTING = [
  { lang: 'vi', text: 'Đang kết nối tới máy chủ…' },
  { lang: 'zh-Hans', text: '正在连接服务器…' },
  { lang: 'en', text: 'Connecting to the server…' },
]
