import { ROLES, type Role } from '@playlists/schemas/accounts'
import type { ApiError } from '../api'
import { formatAlternatives } from './format'
import { DICTIONARIES, defineMessages, formatDateTime, type Params } from './i18n'
import { ts } from './shell'

/**
 * Refusals in the reader's language, keyed by the code the server sends beside its English
 * message (playlists/schemas/error-codes.ts). A code missing here falls back to a sentence for
 * the status, with the server's English beside it: the table holds what a person meets through
 * the console, not the codes only players or scripts receive.
 */
const te = defineMessages('error-codes', {
  vi: {
    'auth.sign-in-required': 'Bạn cần đăng nhập để làm việc này.',
    'auth.credentials-invalid': 'Phiên đăng nhập hoặc mã API không còn hiệu lực. Hãy đăng nhập lại.',
    'auth.role-required': 'Việc này cần vai trò {needed}; tài khoản của bạn có vai trò {role}.',
    'auth.cross-site':
      'Yêu cầu gửi từ một trang web khác đã bị từ chối. Hãy thao tác ngay trong bảng điều khiển.',
    'auth.account-required': 'Việc này cần một tài khoản đã đăng nhập, không dùng được mã API.',
    'sign-in.too-many-failures': 'Đăng nhập sai quá nhiều lần. Hãy thử lại sau {minutes} phút.',
    'sign-in.wrong-credentials': 'Sai tên đăng nhập hoặc mật khẩu.',
    'password.current-wrong': 'Mật khẩu hiện tại không đúng.',
    'password.unchanged': 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    'user.not-found': 'Không tìm thấy tài khoản “{id}”, có thể tài khoản đã bị xóa.',
    'user.username-taken': 'Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.',
    'user.last-admin':
      '“{username}” là quản trị viên cuối cùng còn đăng nhập được. Hãy cấp quyền quản trị cho một tài khoản khác trước.',
    'api-token.by-token': 'Hãy đăng nhập để tạo mã API; không thể dùng một mã API để tạo mã khác.',
    'api-token.other-account':
      'Mã API chỉ thuộc về tài khoản đã tạo ra nó: chủ tài khoản kia phải tự đăng nhập và tạo.',
    'api-token.role-above-owner':
      'Mã API của “{username}” chỉ được có vai trò tối đa là {role}, không thể là {requested}.',
    'api-token.expiry-past': 'Thời điểm hết hạn phải ở trong tương lai.',
    'api-token.revoke-other': 'Chỉ quản trị viên mới được thu hồi mã API của tài khoản khác.',
    'api-token.list-other': 'Chỉ quản trị viên mới được xem mã API của tài khoản khác.',
    'pairing.code-form': 'Mã ghép nối gồm 6 chữ cái và chữ số như trên màn hình, ví dụ K7Q-M2P.',
    'pairing.code-unknown':
      'Không có trình phát nào đang chờ với mã {pairingCode}. Hãy kiểm tra mã trên màn hình; mã đổi sau mỗi {minutes} phút.',
    'pairing.code-used': 'Mã {pairingCode} đã được dùng để ghép nối. Hãy tải lại trình phát để nhận mã mới.',
    'pairing.code-expired': 'Mã {pairingCode} đã hết hạn; trình phát đang hiển thị mã mới.',
    'pairing.code-taken': 'Mã {pairingCode} vừa được người khác dùng.',
    'pairing.rotate-no-player':
      'Màn hình “{id}” không có trình phát nào đang kết nối nên không thể cấp mã màn hình mới.',
    'pairing.rotate-unconfirmed':
      'Trình phát của màn hình “{id}” không xác nhận mã mới trong {seconds} giây; mã hiện tại vẫn còn hiệu lực.',
    'id.deleted': 'Mã “{id}” từng thuộc về một mục đã bị xóa và không được dùng lại. Hãy chọn mã khác.',
    'site.not-found': 'Không tìm thấy cửa khẩu “{id}”, có thể cửa khẩu đã bị xóa.',
    'site.id-taken': 'Đã có cửa khẩu mang mã “{id}”. Hãy chọn mã khác.',
    'site.has-screens':
      'Cửa khẩu “{id}” vẫn còn {count} màn hình ({screens}). Hãy chuyển hoặc xóa các màn hình đó trước.',
    'sync-group.id-taken': 'Đã có nhóm đồng bộ mang mã “{id}”. Hãy chọn mã khác.',
    'screen.not-found': 'Không tìm thấy màn hình “{id}”, có thể màn hình đã bị xóa.',
    'screen.id-taken': 'Đã có màn hình mang mã “{id}”. Hãy chọn mã khác.',
    'screen.site-unknown': 'Cửa khẩu “{siteId}” không còn tồn tại. Hãy chọn cửa khẩu khác.',
    'screen.sync-group-site':
      'Nhóm đồng bộ “{syncGroupId}” thuộc cửa khẩu “{groupSiteId}”, không phải “{siteId}”: màn hình chỉ đồng bộ được với nhau trong cùng một cửa khẩu.',
    'screen.no-player': 'Màn hình “{id}” không có trình phát nào đang kết nối; lệnh sẽ không đến được.',
    'playlist.not-found': 'Không tìm thấy danh sách phát “{id}”, có thể danh sách đã bị xóa.',
    'playlist.id-taken': 'Đã có danh sách phát mang mã “{id}”. Hãy chọn mã khác.',
    'playlist.in-use':
      'Danh sách phát “{id}” vẫn đang được dùng ({screens} màn hình, {layouts} bố cục, {schedules} mục lịch phát). Hãy thay đổi chúng trước.',
    'playlist.item-id-twice': 'Mục “{itemId}” xuất hiện hai lần trong danh sách phát.',
    'playlist.medium-unknown':
      'Tệp “{mediaId}” của danh sách phát không còn tồn tại. Hãy tải tệp lên lại hoặc bỏ mục đó.',
    'playlist.medium-kind': 'Mục dùng tệp “{mediaId}” sai loại (ảnh thay cho video hoặc ngược lại).',
    'schedule.not-found': 'Không tìm thấy mục lịch phát “{id}”, có thể mục này đã bị xóa.',
    'schedule.id-taken': 'Đã có mục lịch phát mang mã “{id}”. Hãy chọn mã khác.',
    'schedule.on-air':
      'Mục lịch phát “{id}” đang lên sóng: hãy gửi yêu cầu gỡ khỏi sóng và chờ phê duyệt rồi mới xóa.',
    'layout.not-found': 'Không tìm thấy bố cục “{id}”, có thể bố cục đã bị xóa.',
    'layout.id-taken': 'Đã có bố cục mang mã “{id}”. Hãy chọn mã khác.',
    'layout.in-use':
      'Bố cục “{id}” vẫn đang được {count} màn hình sử dụng ({screens}). Hãy chọn bố cục khác cho các màn hình đó trước.',
    'media.not-found': 'Không tìm thấy tệp “{id}”, có thể tệp đã bị xóa.',
    'media.in-use':
      'Tệp “{id}” vẫn nằm trong {count} danh sách phát ({playlists}). Hãy bỏ tệp khỏi các danh sách đó trước.',
    'media.name-blank': 'Tên không được để trống.',
    'media.tag-form': 'Thẻ “{tag}” không được chứa dấu phẩy hay ký tự điều khiển.',
    'media.tag-too-long': 'Thẻ “{tag}” dài quá {limit} ký tự.',
    'media.too-many-tags': 'Mỗi tệp có tối đa {limit} thẻ; bạn đã nhập {count} thẻ.',
    'webhook.not-found': 'Không tìm thấy webhook “{id}”, có thể webhook đã bị xóa.',
    'incident.acknowledged': 'Cảnh báo này đã được người khác xác nhận.',
    'backup.running': 'Đang có một bản sao lưu chạy; hãy đợi sao lưu xong.',
    'approval.own-change':
      'Bạn là một trong các tác giả của phiên bản {version}; một người phê duyệt khác phải quyết định.',
    'approval.decided':
      'Phiên bản {version} đã được quyết định lúc {decidedAt}; quyết định không thể thay đổi.',
    'approval.on-air': 'Phiên bản {version} đã lên sóng rồi.',
    'approval.nothing-to-withdraw': '“{id}” không lên sóng nên không có gì để gỡ.',
    'approval.unchanged':
      'Không có thay đổi nào kể từ phiên bản {version}: hãy sửa bản nháp trước khi gửi duyệt.',
    'approval.none-approved': '“{id}” chưa có phiên bản nào được phê duyệt.',
    'approval.not-approved':
      'Phiên bản {version} chưa được phê duyệt: chỉ phiên bản đã phê duyệt mới lên sóng.',
    'approval.legibility': 'Phiên bản {version} không đạt kiểm tra độ dễ đọc ({count} vấn đề).',
    'playlist.empty':
      'Danh sách phát “{id}” chưa có mục nào: hãy thêm ít nhất một mục, lưu lại rồi gửi duyệt.',
    'playlist.unplayable': 'Danh sách phát “{id}” có {count} mục không phát được: {items}.',
    'emergency.not-found': 'Không tìm thấy tin khẩn “{id}”, có thể tin đã bị xóa.',
    'emergency.own-message':
      'Bạn là người gửi tin này nên không thể tự phê duyệt; một người phê duyệt khác hoặc quản trị viên phải duyệt.',
    'emergency.approved': 'Tin khẩn này đã được phê duyệt.',
    'emergency.cleared': 'Tin khẩn này đã được kết thúc lúc {clearedAt}.',
    'emergency.expired': 'Tin khẩn này đã hết hạn lúc {expiresAt}.',
    'cap-source.not-found': 'Không tìm thấy nguồn cảnh báo “{id}”, có thể nguồn đã bị xóa.',
    'cap-source.url-required': 'Nguồn kéo từ địa chỉ cần có địa chỉ và khoảng thời gian kiểm tra.',
    'cap-source.url-push': 'Nguồn tự gửi đến không có địa chỉ hay khoảng thời gian kiểm tra.',
    'cap-source.url-refused':
      'Máy chủ không được phép truy cập địa chỉ này (mạng nội bộ hoặc có kèm mật khẩu).',
    'cap-source.site-unknown': 'Cửa khẩu “{siteId}” không tồn tại.',
    'cap-source.not-push': 'Nguồn này được kéo từ địa chỉ: chỉ nguồn tự gửi đến mới có mã gửi.',
    'cap.confirm-late': 'Đã quá hạn xác nhận ({confirmBy}): tin đang được tự gỡ.',
    'emergency.expiry': 'Thời điểm kết thúc phải ở trong tương lai và sau thời điểm bắt đầu.',
    'emergency.too-long':
      'Tin khẩn chỉ được kéo dài tối đa {maxDays} ngày; hãy chọn thời điểm kết thúc sớm hơn.',
    'emergency.reaches-none': 'Tin này không đến được màn hình nào.',
    'range.reversed': 'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
    'range.too-long': 'Khoảng thời gian quá dài: tối đa {maxDays} ngày. Hãy chọn khoảng ngắn hơn.',
    'validation.required': 'Thiếu trường “{name}”.',
    'validation.empty': 'Có trường bắt buộc đang để trống.',
    'validation.too-long': 'Có trường dài quá {limit} ký tự.',
    'validation.too-small': 'Có giá trị nhỏ hơn {limit}.',
    'validation.too-big': 'Có giá trị lớn hơn {limit}.',
    'validation.slug': 'Mã chỉ gồm chữ thường a–z, chữ số và dấu gạch ngang, ví dụ tan-thanh-led.',
    'rate-limit.requests':
      'Quá nhiều yêu cầu (tối đa {limit} yêu cầu mỗi phút). Hãy thử lại sau {retryAfterSeconds} giây.',
    'server.busy': 'Cơ sở dữ liệu đang bận; chưa có gì thay đổi. Hãy thử lại sau giây lát.',
    'server.shutting-down': 'Máy chủ đang khởi động lại. Hãy thử lại sau giây lát.',
    'compute.busy': 'Máy chủ đang bận xử lý các báo cáo khác. Hãy thử lại sau {retryAfterSeconds} giây.',
    'compute.timeout':
      'Việc tính toán kéo dài quá {limitSeconds} giây nên đã bị dừng: hãy chọn khoảng thời gian ngắn hơn hoặc bộ lọc hẹp hơn.',
    'compute.memory':
      'Việc này cần quá nhiều bộ nhớ: hãy chọn khoảng thời gian ngắn hơn hoặc bộ lọc hẹp hơn.',
  },
  zh: {
    'auth.sign-in-required': '请先登录。',
    'auth.credentials-invalid': '登录会话或 API 令牌已失效。请重新登录。',
    'auth.role-required': '此操作需要{needed}角色；您的账户角色为{role}。',
    'auth.cross-site': '来自其他网站的请求已被拒绝。请直接在控制台中操作。',
    'auth.account-required': '此操作需要已登录的账户，不能使用 API 令牌。',
    'sign-in.too-many-failures': '登录失败次数过多。请在 {minutes} 分钟后重试。',
    'sign-in.wrong-credentials': '用户名或密码错误。',
    'password.current-wrong': '当前密码不正确。',
    'password.unchanged': '新密码必须与当前密码不同。',
    'user.not-found': '找不到账户“{id}”，可能已被删除。',
    'user.username-taken': '该用户名已被使用。请换一个。',
    'user.last-admin': '“{username}”是最后一位可以登录的管理员。请先将另一个账户设为管理员。',
    'api-token.by-token': '请登录后再创建 API 令牌；不能用 API 令牌创建新的令牌。',
    'api-token.other-account': 'API 令牌只属于创建它的账户：必须由该账户的本人登录后创建。',
    'api-token.role-above-owner': '“{username}”的 API 令牌最高只能是{role}角色，不能是{requested}。',
    'api-token.expiry-past': '到期时间必须晚于现在。',
    'api-token.revoke-other': '只有管理员可以撤销其他账户的 API 令牌。',
    'api-token.list-other': '只有管理员可以查看其他账户的 API 令牌。',
    'pairing.code-form': '配对码由屏幕上显示的 6 位字母和数字组成，例如 K7Q-M2P。',
    'pairing.code-unknown':
      '没有播放器在等待配对码 {pairingCode}。请核对屏幕上的配对码；配对码每 {minutes} 分钟更换一次。',
    'pairing.code-used': '配对码 {pairingCode} 已被用于配对。请刷新播放器以获取新的配对码。',
    'pairing.code-expired': '配对码 {pairingCode} 已过期；播放器现在显示的是新的配对码。',
    'pairing.code-taken': '配对码 {pairingCode} 刚刚已被他人使用。',
    'pairing.rotate-no-player': '屏幕“{id}”没有已连接的播放器，无法下发新的屏幕令牌。',
    'pairing.rotate-unconfirmed': '屏幕“{id}”的播放器未在 {seconds} 秒内确认新令牌；当前令牌继续有效。',
    'id.deleted': '编号“{id}”曾属于一个已删除的对象，不能再次使用。请换一个编号。',
    'site.not-found': '找不到口岸“{id}”，可能已被删除。',
    'site.id-taken': '已有编号为“{id}”的口岸。请换一个编号。',
    'site.has-screens': '口岸“{id}”仍有 {count} 个屏幕（{screens}）。请先移走或删除这些屏幕。',
    'sync-group.id-taken': '已有编号为“{id}”的同步组。请换一个编号。',
    'screen.not-found': '找不到屏幕“{id}”，可能已被删除。',
    'screen.id-taken': '已有编号为“{id}”的屏幕。请换一个编号。',
    'screen.site-unknown': '口岸“{siteId}”已不存在。请选择其他口岸。',
    'screen.sync-group-site':
      '同步组“{syncGroupId}”属于口岸“{groupSiteId}”，而不是“{siteId}”：屏幕只能与同一口岸的屏幕同步。',
    'screen.no-player': '屏幕“{id}”没有已连接的播放器；指令将无法送达。',
    'playlist.not-found': '找不到播放列表“{id}”，可能已被删除。',
    'playlist.id-taken': '已有编号为“{id}”的播放列表。请换一个编号。',
    'playlist.in-use':
      '播放列表“{id}”仍在使用中（{screens} 个屏幕、{layouts} 个布局、{schedules} 个排期条目）。请先修改它们。',
    'playlist.item-id-twice': '项目“{itemId}”在播放列表中出现了两次。',
    'playlist.medium-unknown': '播放列表中的媒体文件“{mediaId}”已不存在。请重新上传或移除该项目。',
    'playlist.medium-kind': '使用文件“{mediaId}”的项目类型不符（用图片代替了视频，或相反）。',
    'schedule.not-found': '找不到排期条目“{id}”，可能已被删除。',
    'schedule.id-taken': '已有编号为“{id}”的排期条目。请换一个编号。',
    'schedule.on-air': '排期条目“{id}”已上线：请先提交撤下申请并获批准，再删除。',
    'layout.not-found': '找不到布局“{id}”，可能已被删除。',
    'layout.id-taken': '已有编号为“{id}”的布局。请换一个编号。',
    'layout.in-use': '布局“{id}”仍被 {count} 个屏幕使用（{screens}）。请先为这些屏幕选择其他布局。',
    'media.not-found': '找不到媒体文件“{id}”，可能已被删除。',
    'media.in-use': '文件“{id}”仍在 {count} 个播放列表中（{playlists}）。请先将其从这些播放列表中移除。',
    'media.name-blank': '名称不能为空。',
    'media.tag-form': '标签“{tag}”不能包含逗号或控制字符。',
    'media.tag-too-long': '标签“{tag}”超过 {limit} 个字符。',
    'media.too-many-tags': '每个文件最多 {limit} 个标签；您填写了 {count} 个。',
    'webhook.not-found': '找不到 Webhook“{id}”，可能已被删除。',
    'incident.acknowledged': '此告警已由他人确认。',
    'backup.running': '已有备份正在进行；请等待其完成。',
    'approval.own-change': '您是第 {version} 版的作者之一；必须由另一位审批人决定。',
    'approval.decided': '第 {version} 版已于 {decidedAt} 作出决定；决定不可更改。',
    'approval.on-air': '第 {version} 版已经上线。',
    'approval.nothing-to-withdraw': '“{id}”未上线，无需撤下。',
    'approval.unchanged': '自第 {version} 版以来没有任何修改：请先编辑草稿再提交审批。',
    'approval.none-approved': '“{id}”还没有已批准的版本。',
    'approval.not-approved': '第 {version} 版尚未获批准：只有已批准的版本才能上线。',
    'approval.legibility': '第 {version} 版未通过可读性检查（{count} 个问题）。',
    'playlist.empty': '播放列表“{id}”还没有项目：请至少添加一个项目，保存后再提交审批。',
    'playlist.unplayable': '播放列表“{id}”中有 {count} 个项目无法播放：{items}。',
    'emergency.not-found': '找不到紧急信息“{id}”，可能已被删除。',
    'emergency.own-message': '此信息由您发送，您不能自行批准；必须由另一位审批人或管理员批准。',
    'emergency.approved': '此紧急信息已获批准。',
    'emergency.cleared': '此紧急信息已于 {clearedAt} 结束。',
    'emergency.expired': '此紧急信息已于 {expiresAt} 过期。',
    'cap-source.not-found': '找不到预警来源“{id}”，它可能已被删除。',
    'cap-source.url-required': '从地址拉取的来源需要填写地址和检查间隔。',
    'cap-source.url-push': '主动推送的来源没有地址和检查间隔。',
    'cap-source.url-refused': '服务器不允许访问此地址（内部网络或含有密码）。',
    'cap-source.site-unknown': '口岸“{siteId}”不存在。',
    'cap-source.not-push': '此来源从地址拉取：只有主动推送的来源才有推送令牌。',
    'cap.confirm-late': '已超过确认期限（{confirmBy}）：信息正在自动撤下。',
    'emergency.expiry': '结束时间必须晚于现在，并且晚于开始时间。',
    'emergency.too-long': '紧急信息最长持续 {maxDays} 天；请选择更早的结束时间。',
    'emergency.reaches-none': '此信息不会送达任何屏幕。',
    'range.reversed': '结束时间必须晚于开始时间。',
    'range.too-long': '时间范围过长：最长 {maxDays} 天。请选择较短的范围。',
    'validation.required': '缺少字段“{name}”。',
    'validation.empty': '有必填字段为空。',
    'validation.too-long': '有字段超过 {limit} 个字符。',
    'validation.too-small': '有数值小于 {limit}。',
    'validation.too-big': '有数值大于 {limit}。',
    'validation.slug': '编号只能包含小写字母 a–z、数字和连字符，例如 tan-thanh-led。',
    'rate-limit.requests': '请求过多（每分钟最多 {limit} 次）。请在 {retryAfterSeconds} 秒后重试。',
    'server.busy': '数据库正忙；尚未做任何更改。请稍后重试。',
    'server.shutting-down': '服务器正在重新启动。请稍后重试。',
    'compute.busy': '服务器正忙于处理其他报表。请在 {retryAfterSeconds} 秒后重试。',
    'compute.timeout': '计算超过 {limitSeconds} 秒，已被停止：请选择较短的时间范围或更窄的筛选条件。',
    'compute.memory': '此操作需要的内存过多：请选择较短的时间范围或更窄的筛选条件。',
  },
  en: {
    'auth.sign-in-required': 'Please sign in to do this.',
    'auth.credentials-invalid': 'Your session or API token is no longer valid. Please sign in again.',
    'auth.role-required': 'This needs the role {needed}; your account has the role {role}.',
    'auth.cross-site': 'A request sent from another website was refused. Work from the console itself.',
    'auth.account-required': 'This needs a signed-in account, not an API token.',
    'sign-in.too-many-failures':
      'Too many failed sign-ins. Try again in {minutes, plural, one {# minute} other {# minutes}}.',
    'sign-in.wrong-credentials': 'Wrong username or password.',
    'password.current-wrong': 'The current password is wrong.',
    'password.unchanged': 'The new password must differ from the current one.',
    'user.not-found': 'The account “{id}” was not found; it may just have been deleted.',
    'user.username-taken': 'This username is taken. Choose another.',
    'user.last-admin': '“{username}” is the last admin who can sign in. Make another account an admin first.',
    'api-token.by-token': 'Sign in to make API tokens; a token cannot make another.',
    'api-token.other-account':
      'An API token belongs to the account that makes it: its owner must sign in and make it.',
    'api-token.role-above-owner':
      'An API token of “{username}” can have the role {role} at most, not {requested}.',
    'api-token.expiry-past': 'The expiry must be in the future.',
    'api-token.revoke-other': 'Only an admin may revoke the API tokens of another account.',
    'api-token.list-other': 'Only an admin may see the API tokens of another account.',
    'pairing.code-form': 'A pairing code is 6 letters and digits as the screen shows them, e.g. K7Q-M2P.',
    'pairing.code-unknown':
      'No player is waiting with this code ({pairingCode}). Check the code on the screen; it changes every {minutes, plural, one {minute} other {# minutes}}.',
    'pairing.code-used': 'The code {pairingCode} was already used to pair. Reload the player for a new code.',
    'pairing.code-expired': 'The code {pairingCode} has expired; the player now shows a new one.',
    'pairing.code-taken': 'The code {pairingCode} was used by someone else a moment ago.',
    'pairing.rotate-no-player':
      'The screen “{id}” has no player connected, so a new screen token cannot be handed over.',
    'pairing.rotate-unconfirmed':
      'The player of the screen “{id}” did not confirm the new token within {seconds} s; its current token stays in force.',
    'id.deleted':
      'The id “{id}” belonged to something that was deleted, and ids are never reused. Choose another.',
    'site.not-found': 'The site “{id}” was not found; it may just have been deleted.',
    'site.id-taken': 'A site with the id “{id}” already exists. Choose another id.',
    'site.has-screens':
      'The site “{id}” still has {count, plural, one {# screen} other {# screens}} ({screens}). Move or delete them first.',
    'sync-group.id-taken': 'A sync group with the id “{id}” already exists. Choose another id.',
    'screen.not-found': 'The screen “{id}” was not found; it may just have been deleted.',
    'screen.id-taken': 'A screen with the id “{id}” already exists. Choose another id.',
    'screen.site-unknown': 'The site “{siteId}” no longer exists. Choose another site.',
    'screen.sync-group-site':
      'The sync group “{syncGroupId}” belongs to the site “{groupSiteId}”, not “{siteId}”: screens synchronise only within a site.',
    'screen.no-player': 'The screen “{id}” has no player connected; the command would be lost.',
    'playlist.not-found': 'The playlist “{id}” was not found; it may just have been deleted.',
    'playlist.id-taken': 'A playlist with the id “{id}” already exists. Choose another id.',
    'playlist.in-use':
      'The playlist “{id}” is still used ({screens, plural, one {# screen} other {# screens}}, {layouts, plural, one {# layout} other {# layouts}}, {schedules, plural, one {# schedule entry} other {# schedule entries}}). Change them first.',
    'playlist.item-id-twice': 'The item “{itemId}” appears twice in the playlist.',
    'playlist.medium-unknown':
      'The media file “{mediaId}” of the playlist no longer exists. Upload it again or remove the item.',
    'playlist.medium-kind':
      'The item using “{mediaId}” has the wrong kind of file (an image for a video, or the other way round).',
    'schedule.not-found': 'The schedule entry “{id}” was not found; it may just have been deleted.',
    'schedule.id-taken': 'A schedule entry with the id “{id}” already exists. Choose another id.',
    'schedule.on-air':
      'The schedule entry “{id}” is on air: submit its withdrawal and have it approved before deleting it.',
    'layout.not-found': 'The layout “{id}” was not found; it may just have been deleted.',
    'layout.id-taken': 'A layout with the id “{id}” already exists. Choose another id.',
    'layout.in-use':
      'The layout “{id}” is still used by {count, plural, one {# screen} other {# screens}} ({screens}). Give them another layout first.',
    'media.not-found': 'The media file “{id}” was not found; it may just have been deleted.',
    'media.in-use':
      'The file “{id}” is still in {count, plural, one {# playlist} other {# playlists}} ({playlists}). Remove it from them first.',
    'media.name-blank': 'The name must not be blank.',
    'media.tag-form': 'The tag “{tag}” may not contain commas or control characters.',
    'media.tag-too-long': 'The tag “{tag}” is longer than {limit} characters.',
    'media.too-many-tags': 'A file can have at most {limit} tags; {count} were given.',
    'webhook.not-found': 'The webhook “{id}” was not found; it may just have been deleted.',
    'incident.acknowledged': 'Someone else has already acknowledged this alert.',
    'backup.running': 'A backup is already running; wait for it to finish.',
    'approval.own-change': 'You are an author of version {version}; another approver must decide on it.',
    'approval.decided': 'Version {version} was already decided at {decidedAt}; a decision is final.',
    'approval.on-air': 'Version {version} is already on air.',
    'approval.nothing-to-withdraw': '“{id}” is not on air: there is nothing to withdraw.',
    'approval.unchanged': 'Nothing changed since version {version}: edit the draft before submitting.',
    'approval.none-approved': '“{id}” has no approved version yet.',
    'approval.not-approved': 'Version {version} is not approved: only approved versions go on air.',
    'approval.legibility':
      'Version {version} fails the legibility check ({count, plural, one {# problem} other {# problems}}).',
    'playlist.empty': 'The playlist “{id}” has no items: add at least one, save, then submit.',
    'playlist.unplayable':
      'The playlist “{id}” has {count, plural, one {# item} other {# items}} that cannot play: {items}.',
    'emergency.not-found': 'The emergency message “{id}” was not found; it may just have been deleted.',
    'emergency.own-message':
      'You sent this message, so you cannot approve it; another approver or an admin must.',
    'emergency.approved': 'This emergency message has already been approved.',
    'emergency.cleared': 'This emergency message was already ended at {clearedAt}.',
    'emergency.expired': 'This emergency message expired at {expiresAt}.',
    'cap-source.not-found': 'The alert source “{id}” does not exist; it may have been deleted.',
    'cap-source.url-required': 'A pulled source needs an address and an interval.',
    'cap-source.url-push': 'A pushed source has no address or interval: it sends its alerts.',
    'cap-source.url-refused':
      'The server may not reach this address (a private network, or credentials in it).',
    'cap-source.site-unknown': 'The gate “{siteId}” does not exist.',
    'cap-source.not-push': 'This source is pulled from an address: only a pushed source has a push token.',
    'cap.confirm-late': 'The time to confirm ran out ({confirmBy}): the message is being withdrawn.',
    'emergency.expiry': 'The end must be in the future and after the start.',
    'emergency.too-long':
      'An emergency message lasts at most {maxDays, plural, one {# day} other {# days}}; choose an earlier end.',
    'emergency.reaches-none': 'This message would reach no screen.',
    'range.reversed': 'The end must be after the start.',
    'range.too-long':
      'The period is too long: at most {maxDays, plural, one {# day} other {# days}}. Choose a shorter one.',
    'validation.required': 'The field “{name}” is missing.',
    'validation.empty': 'A required field is empty.',
    'validation.too-long': 'A field is longer than {limit} characters.',
    'validation.too-small': 'A value is below {limit}.',
    'validation.too-big': 'A value is above {limit}.',
    'validation.slug': 'An id has only lower-case letters a–z, digits and dashes, e.g. tan-thanh-led.',
    'rate-limit.requests':
      'Too many requests (at most {limit} a minute). Try again in {retryAfterSeconds} s.',
    'server.busy': "The server's database is busy; nothing was changed. Try again in a moment.",
    'server.shutting-down': 'The server is restarting. Try again in a moment.',
    'compute.busy': 'The server is busy with other reports. Try again in {retryAfterSeconds} s.',
    'compute.timeout':
      'Computing this took longer than {limitSeconds} s and was stopped: choose a shorter period or a narrower filter.',
    'compute.memory': 'This needs too much memory: choose a shorter period or a narrower filter.',
  },
})

/** The codes this table translates (the Vietnamese keys; the compiler holds the others to them). */
export const TRANSLATED_CODES: ReadonlySet<string> = new Set(
  Object.keys(DICTIONARIES.get('error-codes')?.vi ?? {}),
)

/** Params naming roles, by the server's role ids: said with the console's own role names. */
const ROLE_PARAMS: ReadonlySet<string> = new Set(['role', 'needed', 'requested'])
/** Params holding an instant (`clearedAt`, `decidedAt`): written the reader's way, not as ISO text. */
const INSTANT_PARAM = /At$/
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/**
 * A value the server named, as the reader reads it: roles in the reader's words (a list of them,
 * "admin, approver", as "quản trị viên hoặc người phê duyệt": any one of them will do), instants
 * in the reader's format; counts stay numbers so that plural forms can pick their branch.
 */
function shownParam(name: string, value: string | number | boolean): string | number {
  if (typeof value === 'number') return value
  const text = String(value)
  if (ROLE_PARAMS.has(name)) {
    const roles = text.split(',').map((role) => {
      const id = role.trim()
      return (ROLES as readonly string[]).includes(id) ? ts(`role.${id as Role}`) : id
    })
    return formatAlternatives(roles)
  }
  if (INSTANT_PARAM.test(name) && ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text)))
    return formatDateTime(text)
  return text
}

/**
 * The refusal in the reader's language when the console knows its code, with the values the
 * server named; undefined for a code it does not know (the caller falls back to the status).
 */
export function codeText(error: Pick<ApiError, 'code' | 'params'>): string | undefined {
  const code = error.code
  if (!code || !TRANSLATED_CODES.has(code)) return undefined
  const params: Params = {}
  for (const [name, value] of Object.entries(error.params ?? {})) params[name] = shownParam(name, value)
  return te(code as Parameters<typeof te>[0], params)
}
