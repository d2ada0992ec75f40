import type { VI } from './vi'

/** The refusals in English: exactly the Vietnamese keys (the compiler holds them). */
export const EN: Record<keyof typeof VI, string> = {
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
  'power-plan.invalid':
    'The operating hours or brightness plan is not valid: {field}. Check the times (a window cannot have zero length; steps go in order of time).',
  'sync-group.id-taken': 'A sync group with the id “{id}” already exists. Choose another id.',
  'screen.not-found': 'The screen “{id}” was not found; it may just have been deleted.',
  'screen.id-taken': 'A screen with the id “{id}” already exists. Choose another id.',
  'screen.site-unknown': 'The site “{siteId}” no longer exists. Choose another site.',
  'screen.sync-group-site':
    'The sync group “{syncGroupId}” belongs to the site “{groupSiteId}”, not “{siteId}”: screens synchronise only within a site.',
  'screen.no-player': 'The screen “{id}” has no player connected; the command would be lost.',
  'screen.no-agent':
    'The screen “{id}” has no kiosk agent connected; the command would be lost. Check the gatecast-agent service on its PC.',
  'screen.reboot-not-allowed':
    'The screen “{id}” does not allow its PC to be rebooted. An admin can turn on “Allow reboot” in the screen’s settings.',
  'playlist.not-found': 'The playlist “{id}” was not found; it may just have been deleted.',
  'playlist.id-taken': 'A playlist with the id “{id}” already exists. Choose another id.',
  'playlist.in-use':
    'The playlist “{id}” is still used ({screens, plural, one {# screen} other {# screens}}, {layouts, plural, one {# layout} other {# layouts}}, {schedules, plural, one {# schedule entry} other {# schedule entries}}). Change them first.',
  'playlist.item-id-twice': 'The item “{itemId}” appears twice in the playlist.',
  'playlist.medium-unknown':
    'The media file “{mediaId}” of the playlist no longer exists. Upload it again or remove the item.',
  'playlist.feed-unknown':
    'The feed source “{sourceId}” does not exist. Register it on the Feeds page or choose another.',
  'playlist.dataset-unknown':
    'The dataset “{datasetId}” does not exist. Create it on the Datasets page or choose another.',
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
  'media.store-unavailable':
    'The media store the servers share cannot be reached right now, so the file was not stored. Try again in a few minutes.',
  'media.blob-corrupt':
    'The shared store’s copy of this file is damaged, so the server will not play it. Upload the file again.',
  'webhook.not-found': 'The webhook “{id}” was not found; it may just have been deleted.',
  'incident.acknowledged': 'Someone else has already acknowledged this alert.',
  'backup.engine': 'This server keeps its data in PostgreSQL: back it up with pg_dump.',
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
  'rate-limit.requests': 'Too many requests (at most {limit} a minute). Try again in {retryAfterSeconds} s.',
  'server.busy': "The server's database is busy; nothing was changed. Try again in a moment.",
  'server.shutting-down': 'The server is restarting. Try again in a moment.',
  'compute.busy': 'The server is busy with other reports. Try again in {retryAfterSeconds} s.',
  'compute.timeout':
    'Computing this took longer than {limitSeconds} s and was stopped: choose a shorter period or a narrower filter.',
  'compute.memory': 'This needs too much memory: choose a shorter period or a narrower filter.',
  'validation.field': 'A field is not valid.',
  'validation.unknown-field': 'The server does not take the field “{name}”. Reload the page and try again.',
  'validation.id-mismatch': 'The id “{bodyId}” sent does not match “{id}” being edited. Reload the page.',
  'validation.read-only':
    'The field “{name}” cannot be changed here. Send it as it was read, or leave it out.',
  'validation.too-short': 'A field is shorter than {limit} characters.',
  'validation.too-few': 'At least {limit, plural, one {# entry is} other {# entries are}} needed.',
  'validation.too-many': 'At most {limit, plural, one {# entry is} other {# entries are}} allowed.',
  'validation.one-of': 'A value is not one of the allowed choices.',
  'validation.form': 'A field does not have the expected form (it may hold only spaces).',
  'validation.type': 'A value has the wrong type: it must be a {type}.',
  'validation.unknown-kind':
    'The value of “{tag}” is not a kind the server knows. Reload the page and try again.',
  'validation.instant': 'This is not a valid date and time. Choose them again.',
  'validation.date': 'This date is not on the calendar. Choose it again.',
  'validation.time-zone': '“{zone}” is not a known time zone. Choose one from the list.',
  'validation.page-size': 'A page shows from {min} to {max} rows ({field}).',
  'request.malformed': 'The server could not read the request. Reload the page and try again.',
  'request.bad-url': 'The address of the request is not valid. Reload the page and try again.',
  'request.url-too-long': 'The address of the request is too long. Use a shorter id.',
  'request.refused': 'The server refused this request. Reload the page and try again.',
  'request.content-type': 'The server does not take data of this type. Reload the page and try again.',
  'request.too-large': 'What was sent is too large. Shorten it and try again.',
  'request.too-slow':
    'The request arrived too slowly and was dropped; nothing was kept. Send it again over a steadier connection.',
  'route.not-found':
    'The server has no such function ({method}); it may just have been updated. Reload the page.',
  'rate-limit.connections':
    'Too many connections from your address. Close some of the console’s tabs and try again.',
  'server.failed':
    'Something went wrong on the server. It has been logged; try again, and tell the administrator if it persists.',
  'auth.route-undeclared':
    'This function declares no permission, so the server refuses it. Tell the administrator.',
  'api-token.not-found': 'The API token “{id}” was not found; it may just have been revoked.',
  'pairing.too-many-wrong-codes':
    'Too many wrong pairing codes. Try again in {minutes, plural, one {# minute} other {# minutes}} ({retryAfterSeconds} s).',
  'screen.id-mismatch':
    'The id “{bodyId}” sent does not match the screen “{id}” being edited. Reload the page.',
  'screen.sync-group-unknown':
    'The sync group “{syncGroupId}” no longer exists. Choose another group or none.',
  'screen.playlist-unknown': 'The playlist “{playlistId}” no longer exists. Choose another playlist.',
  'screen.layout-unknown': 'The layout “{layoutId}” no longer exists. Choose another layout.',
  'playlist.id-mismatch':
    'The id “{bodyId}” sent does not match the playlist “{id}” being edited. Reload the page.',
  'playlist.item-url':
    'The web address of an item is not valid or not on the allow-list of sites (http or https only, without a user name or password).',
  'schedule.id-mismatch':
    'The id “{bodyId}” sent does not match the schedule entry “{id}” being edited. Reload the page.',
  'schedule.rule': 'The schedule rule is not valid. Check its dates, times and weekdays.',
  'schedule.playlist-unknown': 'The playlist “{playlistId}” no longer exists. Choose another playlist.',
  'schedule.target-unknown':
    'The target “{targetId}” (a site, a sync group or a screen) no longer exists. Choose another target.',
  'layout.id-mismatch':
    'The id “{bodyId}” sent does not match the layout “{id}” being edited. Reload the page.',
  'layout.zones':
    'The zones of the layout are not valid: there must be a main zone, and each zone must lie inside the screen and have its own id.',
  'layout.playlist-unknown':
    'The playlist “{playlistId}” of the zone “{zone}” no longer exists. Choose another playlist for that zone.',
  'version.not-found': 'Version {version} of “{id}” was not found.',
  'document.not-found': 'The screen “{id}” has nothing published yet.',
  'web-origin.invalid':
    'A site is not valid: each is an http or https address, for example https://thoitiet.vn.',
  'webhook.url-form': 'The webhook address is not a web address.',
  'webhook.url-scheme': 'The webhook address must start with http:// or https://.',
  'webhook.url-host': 'The webhook address has no host name.',
  'webhook.url-refused':
    'The server may not send to this webhook address (an address inside the private network, for example).',
  'webhook.site-unknown': 'The site “{siteId}” no longer exists. Choose another site.',
  'alert-rules.not-found': 'The site “{id}” has no alert rules of its own; it uses the default rules.',
  'incident.not-found': 'The alert “{id}” was not found.',
  'screenshot.not-found': 'The screenshot “{id}” was not found; it may have passed its retention period.',
  'screenshot.image-none': 'The screenshot “{id}” has no expected picture: none could be rendered for it.',
  'approval.version-twice': 'One submission holds one version of each object; an object was chosen twice.',
  'preview.version-combined': 'A published version cannot be previewed together with an instant or a draft.',
  'preview.draft-twice': 'Only one draft of each object can be previewed; an object was chosen twice.',
  'preview.medium-deleted':
    'Version {version} of the playlist “{id}” shows the file “{mediaId}”, which was deleted: it cannot be previewed.',
  'emergency.site-unknown': 'The site “{siteId}” no longer exists. Untick it under “Show on”.',
  'emergency.screen-unknown': 'The screen “{screenId}” no longer exists. Untick it under “Show on”.',
  'feed.not-found': 'The feed “{id}” was not found; it may just have been deleted.',
  'feed.id-taken': 'A feed with the id “{id}” already exists. Choose another id.',
  'feed.url-refused':
    'The server may not fetch this address. If it is an internal server, an admin adds it to the OUTBOUND_ALLOW setting.',
  'feed.in-use':
    'The feed “{id}” is still shown by {count, plural, one {# playlist} other {# playlists}} ({playlists}), in a draft or one of their versions. Remove it from them first.',
  'feed-entry.not-found': 'The entry “{id}” was not found in the feed.',
  'feed-entry.withdrawn': 'This entry was already withdrawn from the screens at {withdrawnAt}.',
  'dataset.not-found': 'The dataset “{id}” was not found; it may just have been deleted.',
  'dataset.id-taken': 'A dataset with the id “{id}” already exists. Choose another id.',
  'dataset.column-twice': 'Two columns have the id “{column}”. Give each column its own id.',
  'dataset.row-twice': 'Row {row}: the id “{rowId}” is given to another row too.',
  'dataset.too-many-rows': 'A dataset holds at most {limit} rows.',
  'dataset.row-unknown': 'The dataset has no row “{rowId}” to remove.',
  'dataset.unknown-column': 'Row {row} (“{rowId}”): the dataset has no column “{column}”.',
  'dataset.value-text':
    'Row {row} (“{rowId}”), column “{column}”: this needs text, with Vietnamese at least.',
  'dataset.value-number': 'Row {row} (“{rowId}”), column “{column}”: this needs a number.',
  'dataset.value-date':
    'Row {row} (“{rowId}”), column “{column}”: this needs a real day, written YYYY-MM-DD.',
  'dataset.value-time':
    'Row {row} (“{rowId}”), column “{column}”: this needs a time written HH:MM, 00:00 to 23:59.',
  'dataset.value-decimals':
    'Row {row} (“{rowId}”), column “{column}”: at most {decimals} digits after the point.',
  'dataset.value-range': 'Row {row} (“{rowId}”), column “{column}”: the number is beyond ±{limit}.',
  'dataset.quick-approver':
    '“{userId}” is not an approver’s account: only approvers and admins may make quick changes.',
  'dataset.not-quick-approver':
    'Only the approvers the dataset “{id}” names may make a quick change. Submit the change for approval instead.',
  'dataset.token-only':
    'This address is for a department’s system with an API token; people edit the rows in the console.',
  'dataset.not-on-air':
    'The dataset “{id}” has no version on air: its first version is approved like any change.',
  'dataset.unchanged': 'The change leaves the rows on air as they are (version {version}).',
  'dataset.in-use':
    'The dataset “{id}” is still shown by {count, plural, one {# playlist} other {# playlists}} ({playlists}), in a draft or one of their versions. Remove it from them first.',
  'cap-source.not-found': 'The alert source “{id}” does not exist; it may have been deleted.',
  'cap-source.url-required': 'A pulled source needs an address and an interval.',
  'cap-source.url-push': 'A pushed source has no address or interval: it sends its alerts.',
  'cap-source.url-refused':
    'The server may not reach this address (a private network, or credentials in it).',
  'cap-source.site-unknown': 'The gate “{siteId}” does not exist.',
  'cap-source.not-push': 'This source is pulled from an address: only a pushed source has a push token.',
  'cap-source.in-use':
    'The alert source “{id}” raised {count, plural, one {# emergency message} other {# emergency messages}} still open ({emergencies}). Clear them or let them expire first.',
  'cap.confirm-late': 'The time to confirm ran out ({confirmBy}): the message is being withdrawn.',
}
