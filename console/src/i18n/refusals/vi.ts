import type { ErrorCode } from '@playlists/schemas/error-codes'

/**
 * The refusals in Vietnamese, keyed by the catalogue's code (playlists/schemas/error-codes.ts);
 * each names, as `{param}`, every value the server sends with its code.
 */
export const VI = {
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
  'power-plan.invalid':
    'Giờ hoạt động hoặc kế hoạch độ sáng không hợp lệ: {field}. Hãy kiểm tra các mốc giờ (khung giờ không được dài bằng 0; các mức độ sáng phải theo thứ tự thời gian).',
  'sync-group.id-taken': 'Đã có nhóm đồng bộ mang mã “{id}”. Hãy chọn mã khác.',
  'screen.not-found': 'Không tìm thấy màn hình “{id}”, có thể màn hình đã bị xóa.',
  'screen.id-taken': 'Đã có màn hình mang mã “{id}”. Hãy chọn mã khác.',
  'screen.site-unknown': 'Cửa khẩu “{siteId}” không còn tồn tại. Hãy chọn cửa khẩu khác.',
  'screen.sync-group-site':
    'Nhóm đồng bộ “{syncGroupId}” thuộc cửa khẩu “{groupSiteId}”, không phải “{siteId}”: màn hình chỉ đồng bộ được với nhau trong cùng một cửa khẩu.',
  'screen.no-player': 'Màn hình “{id}” không có trình phát nào đang kết nối; lệnh sẽ không đến được.',
  'screen.no-agent':
    'Máy tính của màn hình “{id}” không có tác tử kiosk nào đang kết nối; lệnh sẽ không đến được. Hãy kiểm tra dịch vụ gatecast-agent trên máy đó.',
  'screen.reboot-not-allowed':
    'Màn hình “{id}” không cho phép khởi động lại máy tính. Quản trị viên có thể bật “Cho phép khởi động lại” trong cài đặt của màn hình.',
  'playlist.not-found': 'Không tìm thấy danh sách phát “{id}”, có thể danh sách đã bị xóa.',
  'playlist.id-taken': 'Đã có danh sách phát mang mã “{id}”. Hãy chọn mã khác.',
  'playlist.in-use':
    'Danh sách phát “{id}” vẫn đang được dùng ({screens} màn hình, {layouts} bố cục, {schedules} mục lịch phát). Hãy thay đổi chúng trước.',
  'playlist.item-id-twice': 'Mục “{itemId}” xuất hiện hai lần trong danh sách phát.',
  'playlist.medium-unknown':
    'Tệp “{mediaId}” của danh sách phát không còn tồn tại. Hãy tải tệp lên lại hoặc bỏ mục đó.',
  'playlist.feed-unknown':
    'Nguồn tin “{sourceId}” không tồn tại. Hãy đăng ký nguồn ở trang Nguồn tin hoặc chọn nguồn khác.',
  'playlist.dataset-unknown':
    'Bảng dữ liệu “{datasetId}” không tồn tại. Hãy tạo bảng ở trang Bảng dữ liệu hoặc chọn bảng khác.',
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
  'media.store-unavailable':
    'Kho tệp dùng chung của các máy chủ tạm thời không truy cập được nên tệp chưa được lưu. Hãy thử lại sau ít phút.',
  'media.blob-corrupt':
    'Bản sao của tệp trong kho dùng chung bị hỏng nên máy chủ không phát tệp này. Hãy tải tệp lên lại.',
  'webhook.not-found': 'Không tìm thấy webhook “{id}”, có thể webhook đã bị xóa.',
  'incident.acknowledged': 'Cảnh báo này đã được người khác xác nhận.',
  'backup.engine': 'Máy chủ này lưu dữ liệu trong PostgreSQL: hãy sao lưu bằng pg_dump.',
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
  'playlist.empty': 'Danh sách phát “{id}” chưa có mục nào: hãy thêm ít nhất một mục, lưu lại rồi gửi duyệt.',
  'playlist.unplayable': 'Danh sách phát “{id}” có {count} mục không phát được: {items}.',
  'emergency.not-found': 'Không tìm thấy tin khẩn “{id}”, có thể tin đã bị xóa.',
  'emergency.own-message':
    'Bạn là người gửi tin này nên không thể tự phê duyệt; một người phê duyệt khác hoặc quản trị viên phải duyệt.',
  'emergency.approved': 'Tin khẩn này đã được phê duyệt.',
  'emergency.cleared': 'Tin khẩn này đã được kết thúc lúc {clearedAt}.',
  'emergency.expired': 'Tin khẩn này đã hết hạn lúc {expiresAt}.',
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
  'compute.memory': 'Việc này cần quá nhiều bộ nhớ: hãy chọn khoảng thời gian ngắn hơn hoặc bộ lọc hẹp hơn.',
  'validation.field': 'Có trường không hợp lệ.',
  'validation.unknown-field': 'Máy chủ không nhận trường “{name}”. Hãy tải lại trang rồi thử lại.',
  'validation.id-mismatch': 'Mã “{bodyId}” gửi kèm không khớp với “{id}” đang sửa. Hãy tải lại trang.',
  'validation.read-only': 'Không thể đổi trường “{name}” ở đây. Hãy gửi lại như đã đọc, hoặc bỏ trường đó.',
  'validation.too-short': 'Có trường ngắn hơn {limit} ký tự.',
  'validation.too-few': 'Cần ít nhất {limit} mục.',
  'validation.too-many': 'Chỉ được tối đa {limit} mục.',
  'validation.one-of': 'Có giá trị không nằm trong các lựa chọn cho phép.',
  'validation.form': 'Có trường không đúng dạng yêu cầu (ví dụ chỉ có khoảng trắng).',
  'validation.type': 'Có giá trị sai kiểu: cần kiểu {type}.',
  'validation.unknown-kind':
    'Giá trị của “{tag}” không phải là loại máy chủ biết. Hãy tải lại trang rồi thử lại.',
  'validation.instant': 'Thời điểm không hợp lệ. Hãy chọn lại ngày và giờ.',
  'validation.date': 'Ngày không có thật trên lịch. Hãy chọn lại ngày.',
  'validation.time-zone': '“{zone}” không phải là múi giờ đã biết. Hãy chọn múi giờ trong danh sách.',
  'validation.page-size': 'Mỗi trang hiển thị từ {min} đến {max} dòng ({field}).',
  'request.malformed': 'Máy chủ không đọc được yêu cầu vừa gửi. Hãy tải lại trang rồi thử lại.',
  'request.bad-url': 'Địa chỉ yêu cầu không hợp lệ. Hãy tải lại trang rồi thử lại.',
  'request.url-too-long': 'Địa chỉ yêu cầu quá dài. Hãy dùng mã ngắn hơn.',
  'request.refused': 'Máy chủ từ chối yêu cầu này. Hãy tải lại trang rồi thử lại.',
  'request.content-type': 'Máy chủ không nhận dạng dữ liệu vừa gửi. Hãy tải lại trang rồi thử lại.',
  'request.too-large': 'Dữ liệu gửi lên quá lớn. Hãy rút gọn nội dung rồi thử lại.',
  'request.too-slow':
    'Yêu cầu đến quá chậm nên đã bị hủy; chưa có gì được lưu. Hãy gửi lại khi mạng ổn định hơn.',
  'route.not-found':
    'Máy chủ không có chức năng này ({method}); có thể máy chủ vừa được cập nhật. Hãy tải lại trang.',
  'rate-limit.connections':
    'Có quá nhiều kết nối từ địa chỉ của bạn. Hãy đóng bớt các thẻ của bảng điều khiển rồi thử lại.',
  'server.failed':
    'Máy chủ gặp lỗi; lỗi đã được ghi lại. Hãy thử lại, và báo cho quản trị viên nếu lỗi vẫn còn.',
  'auth.route-undeclared':
    'Chức năng này chưa được khai báo quyền nên máy chủ từ chối. Hãy báo cho quản trị viên.',
  'api-token.not-found': 'Không tìm thấy mã API “{id}”, có thể mã đã bị thu hồi.',
  'pairing.too-many-wrong-codes':
    'Nhập sai mã ghép nối quá nhiều lần. Hãy thử lại sau {minutes} phút ({retryAfterSeconds} giây).',
  'screen.id-mismatch': 'Mã “{bodyId}” gửi kèm không khớp với màn hình “{id}” đang sửa. Hãy tải lại trang.',
  'screen.sync-group-unknown':
    'Nhóm đồng bộ “{syncGroupId}” không còn tồn tại. Hãy chọn nhóm khác hoặc bỏ đồng bộ.',
  'screen.playlist-unknown': 'Danh sách phát “{playlistId}” không còn tồn tại. Hãy chọn danh sách phát khác.',
  'screen.layout-unknown': 'Bố cục “{layoutId}” không còn tồn tại. Hãy chọn bố cục khác.',
  'playlist.id-mismatch':
    'Mã “{bodyId}” gửi kèm không khớp với danh sách phát “{id}” đang sửa. Hãy tải lại trang.',
  'playlist.item-url':
    'Địa chỉ trang web của một mục không hợp lệ hoặc không nằm trong danh sách nguồn được phép (chỉ http/https, không kèm tên đăng nhập hay mật khẩu).',
  'schedule.id-mismatch':
    'Mã “{bodyId}” gửi kèm không khớp với mục lịch phát “{id}” đang sửa. Hãy tải lại trang.',
  'schedule.rule': 'Quy tắc lịch phát không hợp lệ. Hãy kiểm tra ngày, giờ và các ngày trong tuần.',
  'schedule.playlist-unknown':
    'Danh sách phát “{playlistId}” không còn tồn tại. Hãy chọn danh sách phát khác.',
  'schedule.target-unknown':
    'Nơi áp dụng “{targetId}” (cửa khẩu, nhóm đồng bộ hoặc màn hình) không còn tồn tại. Hãy chọn nơi áp dụng khác.',
  'layout.id-mismatch': 'Mã “{bodyId}” gửi kèm không khớp với bố cục “{id}” đang sửa. Hãy tải lại trang.',
  'layout.zones':
    'Các vùng của bố cục không hợp lệ: cần có vùng chính, và mỗi vùng phải nằm trong màn hình và có mã riêng.',
  'layout.playlist-unknown':
    'Danh sách phát “{playlistId}” của vùng “{zone}” không còn tồn tại. Hãy chọn danh sách phát khác cho vùng đó.',
  'version.not-found': 'Không tìm thấy phiên bản {version} của “{id}”.',
  'document.not-found': 'Màn hình “{id}” chưa có nội dung nào được xuất bản.',
  'web-origin.invalid':
    'Có nguồn không hợp lệ: mỗi nguồn là một địa chỉ http hoặc https, ví dụ https://thoitiet.vn.',
  'webhook.url-form': 'Địa chỉ webhook không phải là một địa chỉ web.',
  'webhook.url-scheme': 'Địa chỉ webhook phải bắt đầu bằng http:// hoặc https://.',
  'webhook.url-host': 'Địa chỉ webhook thiếu tên máy chủ.',
  'webhook.url-refused':
    'Máy chủ không được phép gửi đến địa chỉ webhook này (ví dụ một địa chỉ trong mạng nội bộ).',
  'webhook.site-unknown': 'Cửa khẩu “{siteId}” không còn tồn tại. Hãy chọn cửa khẩu khác.',
  'alert-rules.not-found':
    'Cửa khẩu “{id}” không có quy tắc cảnh báo riêng; cửa khẩu đang dùng quy tắc mặc định.',
  'incident.not-found': 'Không tìm thấy cảnh báo “{id}”.',
  'screenshot.not-found': 'Không tìm thấy ảnh chụp màn hình “{id}”; có thể ảnh đã hết thời hạn lưu giữ.',
  'screenshot.image-none': 'Ảnh chụp màn hình “{id}” không có ảnh mong đợi: không thể dựng ảnh đó.',
  'approval.version-twice': 'Một lần gửi duyệt chỉ chứa một phiên bản của mỗi mục; có mục bị chọn hai lần.',
  'preview.version-combined':
    'Không thể xem trước cùng lúc một phiên bản đã xuất bản với một thời điểm hay bản nháp.',
  'preview.draft-twice': 'Chỉ xem trước được một bản nháp của mỗi mục; có mục bị chọn hai lần.',
  'preview.medium-deleted':
    'Phiên bản {version} của danh sách phát “{id}” dùng tệp “{mediaId}” đã bị xóa nên không thể xem trước.',
  'emergency.site-unknown':
    'Cửa khẩu “{siteId}” không còn tồn tại. Hãy bỏ chọn cửa khẩu đó ở mục “Hiện trên”.',
  'emergency.screen-unknown':
    'Màn hình “{screenId}” không còn tồn tại. Hãy bỏ chọn màn hình đó ở mục “Hiện trên”.',
  'feed.not-found': 'Không tìm thấy nguồn tin “{id}”, có thể nguồn tin đã bị xóa.',
  'feed.id-taken': 'Đã có một nguồn tin mang mã “{id}”. Hãy chọn mã khác.',
  'feed.url-refused':
    'Máy chủ không được phép tải địa chỉ này. Nếu đây là máy chủ nội bộ, quản trị viên cần thêm nó vào thiết lập OUTBOUND_ALLOW.',
  'feed.in-use':
    'Nguồn tin “{id}” vẫn được {count} danh sách phát hiển thị ({playlists}), trong bản nháp hoặc một phiên bản của danh sách. Hãy bỏ nguồn tin khỏi các danh sách đó trước.',
  'feed-entry.not-found': 'Không tìm thấy tin “{id}” trong nguồn tin.',
  'feed-entry.withdrawn': 'Tin này đã được gỡ khỏi màn hình lúc {withdrawnAt}.',
  'dataset.not-found': 'Không tìm thấy bảng dữ liệu “{id}”, có thể bảng đã bị xóa.',
  'dataset.id-taken': 'Đã có một bảng dữ liệu mang mã “{id}”. Hãy chọn mã khác.',
  'dataset.column-twice': 'Hai cột cùng mang mã “{column}”. Mỗi cột cần một mã riêng.',
  'dataset.row-twice': 'Dòng {row}: mã “{rowId}” đã dùng cho một dòng khác.',
  'dataset.too-many-rows': 'Một bảng dữ liệu có tối đa {limit} dòng.',
  'dataset.row-unknown': 'Bảng không có dòng “{rowId}” để xóa.',
  'dataset.unknown-column': 'Dòng {row} (“{rowId}”): bảng không có cột “{column}”.',
  'dataset.value-text': 'Dòng {row} (“{rowId}”), cột “{column}”: cần nội dung chữ, bắt buộc có tiếng Việt.',
  'dataset.value-number': 'Dòng {row} (“{rowId}”), cột “{column}”: cần một con số.',
  'dataset.value-date': 'Dòng {row} (“{rowId}”), cột “{column}”: cần một ngày có thật, viết dạng NNNN-TT-NN.',
  'dataset.value-time': 'Dòng {row} (“{rowId}”), cột “{column}”: cần một giờ dạng GG:PP, từ 00:00 đến 23:59.',
  'dataset.value-decimals':
    'Dòng {row} (“{rowId}”), cột “{column}”: tối đa {decimals} chữ số sau dấu thập phân.',
  'dataset.value-range': 'Dòng {row} (“{rowId}”), cột “{column}”: con số vượt quá giới hạn ±{limit}.',
  'dataset.quick-approver':
    '“{userId}” không phải tài khoản người phê duyệt: chỉ người phê duyệt và quản trị viên được sửa nhanh.',
  'dataset.not-quick-approver':
    'Chỉ những người phê duyệt được bảng “{id}” chỉ định mới được sửa nhanh. Hãy gửi thay đổi để phê duyệt.',
  'dataset.token-only':
    'Địa chỉ này dành cho hệ thống của các sở, ngành dùng mã API; người dùng sửa các dòng trên bảng điều khiển.',
  'dataset.not-on-air':
    'Bảng “{id}” chưa có phiên bản nào lên sóng: phiên bản đầu tiên phải được phê duyệt như mọi thay đổi.',
  'dataset.unchanged': 'Thay đổi này không làm khác các dòng đang lên sóng (phiên bản {version}).',
  'dataset.in-use':
    'Bảng dữ liệu “{id}” vẫn được {count} danh sách phát hiển thị ({playlists}), trong bản nháp hoặc một phiên bản của danh sách. Hãy bỏ bảng khỏi các danh sách đó trước.',
  'cap-source.not-found': 'Không tìm thấy nguồn cảnh báo “{id}”, có thể nguồn đã bị xóa.',
  'cap-source.url-required': 'Nguồn kéo từ địa chỉ cần có địa chỉ và khoảng thời gian kiểm tra.',
  'cap-source.url-push': 'Nguồn tự gửi đến không có địa chỉ hay khoảng thời gian kiểm tra.',
  'cap-source.url-refused':
    'Máy chủ không được phép truy cập địa chỉ này (mạng nội bộ hoặc có kèm mật khẩu).',
  'cap-source.site-unknown': 'Cửa khẩu “{siteId}” không tồn tại.',
  'cap-source.not-push': 'Nguồn này được kéo từ địa chỉ: chỉ nguồn tự gửi đến mới có mã gửi.',
  'cap-source.in-use':
    'Nguồn cảnh báo “{id}” đã tạo {count} tin khẩn vẫn còn hiệu lực ({emergencies}). Hãy gỡ các tin đó hoặc chờ chúng hết hạn trước.',
  'cap.confirm-late': 'Đã quá hạn xác nhận ({confirmBy}): tin đang được tự gỡ.',
} as const satisfies Partial<Record<ErrorCode, string>>
