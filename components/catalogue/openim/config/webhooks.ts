/**
 * OpenIM's webhook hooks (webhooks.yml at v3.8.3), all off: a cell calls no webhook until its
 * operator points `url` at one. The hooks differ only in which optional fields they read.
 */
type HookField = "failedContinue" | "allowedTypes" | "deniedTypes" | "attentionIds";

const BEFORE = ["failedContinue"] as const;
const MESSAGE_FILTER = ["allowedTypes", "deniedTypes"] as const;

const HOOKS: ReadonlyArray<readonly [string, readonly HookField[]]> = [
  ["beforeSendSingleMsg", [...BEFORE, ...MESSAGE_FILTER]],
  ["beforeUpdateUserInfoEx", BEFORE],
  ["afterUpdateUserInfoEx", []],
  ["afterSendSingleMsg", ["attentionIds", ...MESSAGE_FILTER]],
  ["beforeSendGroupMsg", [...BEFORE, ...MESSAGE_FILTER]],
  ["beforeMsgModify", [...BEFORE, ...MESSAGE_FILTER]],
  ["afterSendGroupMsg", MESSAGE_FILTER],
  ["afterUserOnline", []],
  ["afterUserOffline", []],
  ["afterUserKickOff", []],
  ["beforeOfflinePush", BEFORE],
  ["beforeOnlinePush", BEFORE],
  ["beforeGroupOnlinePush", BEFORE],
  ["beforeAddFriend", BEFORE],
  ["beforeUpdateUserInfo", BEFORE],
  ["afterUpdateUserInfo", []],
  ["beforeCreateGroup", BEFORE],
  ["afterCreateGroup", []],
  ["beforeMemberJoinGroup", BEFORE],
  ["beforeSetGroupMemberInfo", BEFORE],
  ["afterSetGroupMemberInfo", []],
  ["afterQuitGroup", []],
  ["afterKickGroupMember", []],
  ["afterDismissGroup", []],
  ["beforeApplyJoinGroup", BEFORE],
  ["afterGroupMsgRead", []],
  ["afterSingleMsgRead", []],
  ["beforeUserRegister", BEFORE],
  ["afterUserRegister", []],
  ["afterTransferGroupOwner", []],
  ["beforeSetFriendRemark", BEFORE],
  ["afterSetFriendRemark", []],
  ["afterGroupMsgRevoke", []],
  ["afterJoinGroup", []],
  ["beforeInviteUserToGroup", BEFORE],
  ["afterSetGroupInfo", []],
  ["beforeSetGroupInfo", BEFORE],
  ["afterSetGroupInfoEx", []],
  ["beforeSetGroupInfoEx", BEFORE],
  ["afterRevokeMsg", []],
  ["beforeAddBlack", BEFORE],
  ["afterAddFriend", []],
  ["beforeAddFriendAgree", BEFORE],
  ["afterAddFriendAgree", []],
  ["afterDeleteFriend", []],
  ["beforeImportFriends", BEFORE],
  ["afterImportFriends", []],
  ["afterRemoveBlack", []],
];

const FIELD_DEFAULTS: Readonly<Record<HookField, unknown>> = {
  failedContinue: true,
  allowedTypes: [],
  deniedTypes: [],
  attentionIds: [],
};

export function webhooksFile(): Record<string, unknown> {
  return {
    url: "",
    ...Object.fromEntries(
      HOOKS.map(([hook, fields]) => [
        hook,
        {
          enable: false,
          timeout: 5,
          ...Object.fromEntries(fields.map((field) => [field, FIELD_DEFAULTS[field]])),
        },
      ]),
    ),
  };
}
