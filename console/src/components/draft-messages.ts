import { defineMessages } from '../i18n/i18n'

/** The words of the unsaved-draft banner every form shares. */
export const td = defineMessages('drafts', {
  vi: {
    label: 'Thay đổi chưa lưu',
    changes: 'Bạn có thay đổi chưa lưu từ {at}.',
    'changes-to': 'Bạn có thay đổi chưa lưu cho {subject} từ {at}.',
    'server-changed':
      'Sau thời điểm đó, bản trên máy chủ đã được lưu mới hơn. Hãy đối chiếu trước khi lưu: các thay đổi được khôi phục sẽ thay thế bản đó.',
    restore: 'Khôi phục',
    discard: 'Loại bỏ',
    'not-kept': 'Các thay đổi này quá lớn để giữ tạm trong trình duyệt này: hãy lưu sớm.',
  },
  zh: {
    label: '未保存的更改',
    changes: '您有 {at} 的未保存更改。',
    'changes-to': '您对{subject}有 {at} 的未保存更改。',
    'server-changed': '此后服务器上已保存了更新的版本。保存前请先核对：恢复的更改将替换该版本。',
    restore: '恢复',
    discard: '丢弃',
    'not-kept': '这些更改过大，无法暂存在此浏览器中：请尽快保存。',
  },
  en: {
    label: 'Unsaved changes',
    changes: 'You have unsaved changes from {at}.',
    'changes-to': 'You have unsaved changes to {subject} from {at}.',
    'server-changed':
      'Since then, a newer version was saved on the server. Compare before you save: your restored changes would replace it.',
    restore: 'Restore',
    discard: 'Discard',
    'not-kept': 'These changes are too large to keep in this browser until saved: save them soon.',
  },
})
