import { defineMessages } from '../../i18n/i18n'

/**
 * What a version reaches and how it looks there: the publish confirmation's screens, the warning
 * when there are none, versions published together, and the previews at each screen's size.
 */
export const tr = defineMessages('approvals-reach', {
  vi: {
    'reach.list': 'Các màn hình sẽ hiển thị thay đổi này:',
    'reach.screen': '{name} ({width}×{height})',
    'reach.none': 'Thay đổi này không tới màn hình nào: lên sóng xong, không ai thấy gì khác.',
    'reach.why-waiting': 'Chưa màn hình nào phát danh sách này. Mục lịch phát sẽ phát nó vẫn đang chờ:',
    'reach.why-playlist':
      'Chưa màn hình nào phát danh sách này: không là danh sách mặc định của màn hình hay vùng bố cục nào, và không mục lịch phát nào đang phát nó. Hãy thêm nó vào một mục lịch phát hoặc một màn hình trước.',
    'reach.why-layout': 'Chưa màn hình nào dùng bố cục này.',
    'reach.why-feed':
      'Chưa màn hình nào hiển thị nguồn tin này. Phê duyệt quyết định những tin nào được phép lên màn hình khi nguồn tin được dùng.',
    'reach.why-dataset':
      'Chưa màn hình nào hiển thị bảng dữ liệu này. Khi một danh sách phát có mục hiển thị bảng được lên sóng, các màn hình của nó sẽ nhận phiên bản đã duyệt.',
    'reach.why-schedule': 'Không màn hình nào thuộc đối tượng của mục lịch phát này.',
    'reach.needs-playlist':
      'Mục lịch phát này phát một danh sách chưa lên sóng; cho tới khi danh sách lên sóng, màn hình phát nội dung khác. Danh sách đang chờ:',
    'companion.schedule': 'Mục lịch phát “{name}”, phiên bản {number}',
    'companion.playlist': 'Danh sách phát “{name}”, phiên bản {number}',
    'companion.submitted': 'đang chờ duyệt: hãy duyệt nó trước, rồi đưa cả hai lên sóng cùng lúc.',
    'companion.approved': 'đã duyệt, chưa lên sóng.',
    'together.button': 'Đưa cả hai lên sóng cùng lúc',
    'together.intro': 'Cùng lên sóng trong một bước, danh sách phát trước, mục lịch phát sau:',
    'together.done': 'Đã đưa lên sóng cùng lúc.',
    'together.order': 'Nếu đưa lên sóng riêng: danh sách phát trước, rồi mới tới mục lịch phát phát nó.',
    'queue.goes-with': 'Đi cùng:',
    'previews.title': 'Hình ảnh trên màn hình',
    'previews.screens': 'Theo kích thước của từng màn hình phiên bản này tới:',
    'previews.shapes':
      'Chưa màn hình nào phát nội dung này; đây là nó trên từng kiểu màn hình của chương trình:',
    'previews.item': 'Mục {position}/{count}',
    'previews.previous': 'Mục trước',
    'previews.next': 'Mục sau',
    'previews.size': '{width}×{height}',
    'previews.size-screens': '{width}×{height}: {names}',
    'previews.empty': 'Phiên bản này không có mục nào để xem trước.',
    'previews.layout-shapes':
      'Chưa màn hình nào dùng bố cục này; đây là nó trên từng kiểu màn hình của chương trình, mỗi vùng với mục đầu tiên của danh sách phát nó phát:',
    'previews.schedule-shapes':
      'Không màn hình nào thuộc đối tượng của mục lịch phát này; đây là danh sách phát “{playlist}” của nó trên từng kiểu màn hình của chương trình:',
    'previews.schedule-off-air':
      'Danh sách phát “{playlist}” của mục lịch phát này chưa lên sóng và không có phiên bản nào đang chờ: mục này sẽ không phát gì, các màn hình phát nội dung khác của chúng.',
    'previews.schedule-missing': 'Danh sách phát của mục lịch phát này không còn tồn tại.',
    'zone.plays': '{zone}: {playlist}',
    'zone.empty': '{zone}: danh sách “{playlist}” không có mục nào',
    'zone.off-air': '{zone}: danh sách “{playlist}” chưa lên sóng nên không phát ở đây',
    'zone.missing': '{zone}: danh sách phát của vùng này không còn tồn tại',
    'zone.default': '{zone}: không có danh sách riêng; danh sách mặc định của màn hình phát ở đây',
    'zone.none': '{zone}: không có danh sách riêng; vùng này tối trừ khi một mục lịch phát phát ở đây',
    'zone.loading': '{zone}: đang tải…',
    'zone.frame-title': '{label}, mục đầu tiên, {width}×{height}',
    'slide.caption': 'Trang chiếu như màn hình {width}×{height} hiển thị',
  },
  zh: {
    'reach.list': '将显示此变更的屏幕：',
    'reach.screen': '{name}（{width}×{height}）',
    'reach.none': '此变更不会到达任何屏幕：上线后，没有人会看到任何不同。',
    'reach.why-waiting': '目前没有屏幕播放此播放列表。将播放它的排期条目仍在等待：',
    'reach.why-playlist':
      '目前没有屏幕播放此播放列表：它不是任何屏幕或布局区域的默认列表，也没有已上线的排期条目播放它。请先将它加入排期条目或屏幕。',
    'reach.why-layout': '目前没有屏幕使用此布局。',
    'reach.why-feed': '目前没有屏幕显示此信息源。审批决定该信息源被使用时哪些信息可以上屏。',
    'reach.why-dataset':
      '目前没有屏幕显示此数据表。当含有显示该数据表的项目的播放列表上线后，其屏幕将收到已审批的版本。',
    'reach.why-schedule': '此排期条目的目标中没有任何屏幕。',
    'reach.needs-playlist':
      '此排期条目播放的播放列表尚未上线；在它上线之前，屏幕会播放其他内容。等待中的播放列表：',
    'companion.schedule': '排期条目“{name}”，第 {number} 版',
    'companion.playlist': '播放列表“{name}”，第 {number} 版',
    'companion.submitted': '等待审批：请先批准它，再将两者一起上线。',
    'companion.approved': '已批准，尚未上线。',
    'together.button': '两者一起上线',
    'together.intro': '一步同时上线，先播放列表，后排期条目：',
    'together.done': '已一起上线。',
    'together.order': '如果分开上线：先上线播放列表，再上线播放它的排期条目。',
    'queue.goes-with': '配套：',
    'previews.title': '屏幕上的效果',
    'previews.screens': '按此版本将到达的每块屏幕的尺寸：',
    'previews.shapes': '目前没有屏幕播放此内容；以下是它在本项目每种屏幕规格上的效果：',
    'previews.item': '第 {position} 项，共 {count} 项',
    'previews.previous': '上一项',
    'previews.next': '下一项',
    'previews.size': '{width}×{height}',
    'previews.size-screens': '{width}×{height}：{names}',
    'previews.empty': '此版本没有可预览的项目。',
    'previews.layout-shapes':
      '目前没有屏幕使用此布局；以下是它在本项目每种屏幕规格上的效果，每个区域显示其播放列表的第一项：',
    'previews.schedule-shapes':
      '此排期条目的目标中没有任何屏幕；以下是它的播放列表“{playlist}”在本项目每种屏幕规格上的效果：',
    'previews.schedule-off-air':
      '此排期条目的播放列表“{playlist}”尚未上线，也没有等待中的版本：该条目不会播放任何内容，屏幕将播放其他内容。',
    'previews.schedule-missing': '此排期条目的播放列表已不存在。',
    'zone.plays': '{zone}：{playlist}',
    'zone.empty': '{zone}：播放列表“{playlist}”没有任何项目',
    'zone.off-air': '{zone}：播放列表“{playlist}”尚未上线，不会在此播放',
    'zone.missing': '{zone}：该区域的播放列表已不存在',
    'zone.default': '{zone}：没有自己的播放列表；屏幕的默认播放列表在此播放',
    'zone.none': '{zone}：没有自己的播放列表；除非有排期条目在此播放，否则保持黑屏',
    'zone.loading': '{zone}：加载中…',
    'zone.frame-title': '{label}，第一项，{width}×{height}',
    'slide.caption': '{width}×{height} 屏幕上显示的幻灯片',
  },
  en: {
    'reach.list': 'Screens that will show this change:',
    'reach.screen': '{name} ({width}×{height})',
    'reach.none': 'This change reaches no screen: once on air, nothing anyone sees will change.',
    'reach.why-waiting':
      'No screen plays this playlist yet. The schedule entry that would play it is still waiting:',
    'reach.why-playlist':
      'No screen plays this playlist yet: it is no screen’s or layout zone’s default, and no schedule entry on air plays it. Add it to a schedule entry or a screen first.',
    'reach.why-layout': 'No screen uses this layout yet.',
    'reach.why-feed':
      'No screen shows this feed yet. The approval decides which of its entries may go on screen once one does.',
    'reach.why-dataset':
      'No screen shows this dataset yet. Once a playlist with an item showing it is on air, its screens receive the approved version.',
    'reach.why-schedule': 'No screen is in this schedule entry’s target.',
    'reach.needs-playlist':
      'This entry plays a playlist that is not on air yet; until it is, the screens play their other content. The playlist waiting:',
    'companion.schedule': 'Schedule entry “{name}”, version {number}',
    'companion.playlist': 'Playlist “{name}”, version {number}',
    'companion.submitted': 'waiting for approval: approve it first, then put both on air together.',
    'companion.approved': 'approved, not on air yet.',
    'together.button': 'Put both on air together',
    'together.intro': 'On air in one step, the playlist first, then the schedule entry:',
    'together.done': 'On air together.',
    'together.order': 'Published one at a time: the playlist first, then the schedule entry that plays it.',
    'queue.goes-with': 'Goes with:',
    'previews.title': 'How it looks on the screens',
    'previews.screens': 'At the size of each screen this version reaches:',
    'previews.shapes': 'No screen plays this content yet; here it is on each screen shape of the programme:',
    'previews.item': 'Item {position} of {count}',
    'previews.previous': 'Previous item',
    'previews.next': 'Next item',
    'previews.size': '{width}×{height}',
    'previews.size-screens': '{width}×{height}: {names}',
    'previews.empty': 'This version has no item to preview.',
    'previews.layout-shapes':
      'No screen uses this layout yet; here it is on each screen shape of the programme, each zone with the first item of the playlist it plays:',
    'previews.schedule-shapes':
      'No screen is in this entry’s target; here is its playlist “{playlist}” on each screen shape of the programme:',
    'previews.schedule-off-air':
      'This entry’s playlist “{playlist}” is not on air and no version of it is waiting: the entry would play nothing, and the screens would play their other content.',
    'previews.schedule-missing': 'This entry’s playlist no longer exists.',
    'zone.plays': '{zone}: {playlist}',
    'zone.empty': '{zone}: playlist “{playlist}” has no item',
    'zone.off-air': '{zone}: playlist “{playlist}” is not on air, so it does not play here',
    'zone.missing': '{zone}: its playlist no longer exists',
    'zone.default': '{zone}: no playlist of its own; the screen’s default playlist plays here',
    'zone.none': '{zone}: no playlist of its own; dark unless a schedule entry plays here',
    'zone.loading': '{zone}: loading…',
    'zone.frame-title': '{label}, first item, {width}×{height}',
    'slide.caption': 'The slide as a {width}×{height} screen shows it',
  },
})
