/**
 * OpenIM's notification events (notification.yml at v3.8.3) and which of them send a message by
 * default, as the server ships them. Every event renders the same shape; offline push stays off
 * until the operator configures a push provider.
 */
const EVENTS_SENDING_BY_DEFAULT = new Set([
  "groupCreated",
  "memberQuit",
  "groupOwnerTransferred",
  "memberKicked",
  "memberInvited",
  "memberEnter",
  "groupDismissed",
  "groupMuted",
  "groupCancelMuted",
  "groupMemberMuted",
  "groupMemberCancelMuted",
  "groupInfoSetAnnouncement",
  "groupInfoSetName",
  "friendApplicationApproved",
  "conversationSetPrivate",
]);

const GROUP_EVENTS = [
  "groupCreated",
  "groupInfoSet",
  "joinGroupApplication",
  "memberQuit",
  "groupApplicationAccepted",
  "groupApplicationRejected",
  "groupOwnerTransferred",
  "memberKicked",
  "memberInvited",
  "memberEnter",
  "groupDismissed",
  "groupMuted",
  "groupCancelMuted",
  "groupMemberMuted",
  "groupMemberCancelMuted",
  "groupMemberInfoSet",
  "groupInfoSetAnnouncement",
  "groupInfoSetName",
];

/** Events whose message counts as unread by default. */
const UNREAD_BY_DEFAULT = new Set([
  "friendApplicationApproved",
  "friendApplicationRejected",
  "friendAdded",
  "friendDeleted",
  "friendRemarkSet",
  "blackAdded",
  "blackDeleted",
  "friendInfoUpdated",
  "userInfoUpdated",
  "conversationChanged",
  "conversationSetPrivate",
]);

const OTHER_EVENTS = [
  "friendApplicationAdded",
  "friendApplicationApproved",
  "friendApplicationRejected",
  "friendAdded",
  "friendDeleted",
  "friendRemarkSet",
  "blackAdded",
  "blackDeleted",
  "friendInfoUpdated",
  "userInfoUpdated",
  "userStatusChanged",
  "conversationChanged",
  "conversationSetPrivate",
];

/** The events that carry a default tip text besides the common shape. */
const DEFAULT_TIPS: Readonly<Record<string, string>> = { groupCancelMuted: "group cancel muted" };

export function notificationFile(): Record<string, unknown> {
  return Object.fromEntries(
    [...GROUP_EVENTS, ...OTHER_EVENTS].map((event) => [
      event,
      {
        isSendMsg: EVENTS_SENDING_BY_DEFAULT.has(event),
        reliabilityLevel: 1,
        unreadCount: UNREAD_BY_DEFAULT.has(event),
        offlinePush: { enable: false, title: event, desc: "", ext: "" },
        ...(DEFAULT_TIPS[event] ? { defaultTips: { tips: DEFAULT_TIPS[event] } } : {}),
      },
    ]),
  );
}
