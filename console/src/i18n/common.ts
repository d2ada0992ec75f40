import { ID_OF_DELETED, type IdOfDeleted } from '@playlists/schemas/deleted'
import type { ApiError } from '../api'
import { codeText } from './error-codes'
import { defineMessages } from './i18n'

/** Words every page uses: buttons, states, paging, and what an error means. */
export const tc = defineMessages('common', {
  vi: {
    save: 'Lưu',
    cancel: 'Hủy',
    delete: 'Xóa',
    edit: 'Sửa',
    add: 'Thêm',
    create: 'Tạo',
    close: 'Đóng',
    confirm: 'Xác nhận',
    search: 'Tìm kiếm',
    'search.clear': 'Xóa nội dung tìm kiếm',
    'search.matches': '{count, plural, =0 {Không có kết quả nào} other {# kết quả}}',
    loading: 'Đang tải…',
    saving: 'Đang lưu…',
    saved: 'Đã lưu',
    empty: 'Chưa có gì ở đây.',
    previous: 'Trang trước',
    next: 'Trang sau',
    page: 'Trang {page}/{pages}',
    total: '{count} mục',
    yes: 'Có',
    no: 'Không',
    name: 'Tên',
    actions: 'Thao tác',
    details: 'Chi tiết từ máy chủ',
    retry: 'Thử lại',
    'error.0': 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    'error.400': 'Thông tin chưa hợp lệ. Hãy kiểm tra các ô được đánh dấu.',
    'error.401': 'Phiên đăng nhập đã hết. Hãy đăng nhập lại.',
    'error.403': 'Tài khoản của bạn không có quyền làm việc này.',
    'error.404': 'Không tìm thấy mục này; có thể nó vừa bị xóa.',
    'error.409': 'Không thể thực hiện vì xung đột với dữ liệu hiện có.',
    'error.413': 'Tệp hoặc nội dung quá lớn.',
    'error.415': 'Loại tệp này không được hỗ trợ.',
    'error.422': 'Không thể xử lý nội dung này.',
    'error.429': 'Quá nhiều yêu cầu. Hãy đợi một lát rồi thử lại.',
    'error.5xx': 'Máy chủ gặp lỗi. Hãy thử lại; nếu vẫn lỗi, báo cho quản trị viên.',
    'error.id-of-deleted':
      'Mã “{id}” từng thuộc về một mục đã bị xóa. Mã không bao giờ được dùng lại, để lịch sử của mục đó vẫn là của riêng nó: hãy chọn mã khác.',
  },
  zh: {
    save: '保存',
    cancel: '取消',
    delete: '删除',
    edit: '编辑',
    add: '添加',
    create: '创建',
    close: '关闭',
    confirm: '确认',
    search: '搜索',
    'search.clear': '清除搜索内容',
    'search.matches': '{count, plural, =0 {没有结果} other {# 个结果}}',
    loading: '加载中…',
    saving: '保存中…',
    saved: '已保存',
    empty: '这里还没有内容。',
    previous: '上一页',
    next: '下一页',
    page: '第 {page}/{pages} 页',
    total: '共 {count} 项',
    yes: '是',
    no: '否',
    name: '名称',
    actions: '操作',
    details: '服务器返回的详细信息',
    retry: '重试',
    'error.0': '无法连接服务器。请检查网络后重试。',
    'error.400': '填写的信息有误。请检查标出的字段。',
    'error.401': '登录已过期。请重新登录。',
    'error.403': '您的账户无权执行此操作。',
    'error.404': '找不到该项目；它可能刚被删除。',
    'error.409': '与现有数据冲突，无法执行。',
    'error.413': '文件或内容过大。',
    'error.415': '不支持此类文件。',
    'error.422': '无法处理此内容。',
    'error.429': '请求过多。请稍候再试。',
    'error.5xx': '服务器出错。请重试；如仍失败，请告知管理员。',
    'error.id-of-deleted':
      '编号“{id}”曾属于一个已删除的对象。编号永不重复使用，以保证其历史记录只属于它：请换一个编号。',
  },
  en: {
    save: 'Save',
    cancel: 'Cancel',
    delete: 'Delete',
    edit: 'Edit',
    add: 'Add',
    create: 'Create',
    close: 'Close',
    confirm: 'Confirm',
    search: 'Search',
    'search.clear': 'Clear the search',
    'search.matches': '{count, plural, =0 {No matches} one {# match} other {# matches}}',
    loading: 'Loading…',
    saving: 'Saving…',
    saved: 'Saved',
    empty: 'Nothing here yet.',
    previous: 'Previous',
    next: 'Next',
    page: 'Page {page} of {pages}',
    total: '{count, plural, one {# item} other {# items}}',
    yes: 'Yes',
    no: 'No',
    name: 'Name',
    actions: 'Actions',
    details: 'Details from the server',
    retry: 'Try again',
    'error.0': 'The server cannot be reached. Check the network and try again.',
    'error.400': 'Something entered is not valid. Check the marked fields.',
    'error.401': 'Your session has ended. Please sign in again.',
    'error.403': 'Your account may not do this.',
    'error.404': 'Not found; it may just have been deleted.',
    'error.409': 'This conflicts with what is already there.',
    'error.413': 'The file or content is too large.',
    'error.415': 'This kind of file is not supported.',
    'error.422': 'This content cannot be processed.',
    'error.429': 'Too many requests. Wait a moment and try again.',
    'error.5xx': 'The server failed. Try again; if it keeps failing, tell an administrator.',
    'error.id-of-deleted':
      'The id “{id}” belonged to something that was deleted. Ids are never reused, so that its history stays its own: choose another id.',
  },
})

const KNOWN = [0, 400, 401, 403, 404, 409, 413, 415, 422, 429] as const

/**
 * A translated sentence for a refusal: from its code when the server gave one the console knows
 * (never from the English message), else from its status.
 */
export function errorHeadline(error: Pick<ApiError, 'status' | 'details' | 'code' | 'params'>): string {
  const details = error.details as Partial<IdOfDeleted> | undefined
  if (error.status === 409 && details?.code === ID_OF_DELETED && typeof details.id === 'string')
    return tc('error.id-of-deleted', { id: details.id })
  return codeText(error) ?? statusMessage(error.status)
}

/** A translated sentence for an HTTP status: what the reader should do. */
export function statusMessage(status: number): string {
  if ((KNOWN as readonly number[]).includes(status)) return tc(`error.${status as (typeof KNOWN)[number]}`)
  return status >= 500 ? tc('error.5xx') : tc('error.400')
}
