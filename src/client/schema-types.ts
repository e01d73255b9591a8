// The types of the request bodies and queries, for the package entry, which leaves the schemas themselves (values,
// with the schema library) to `ow-agent-kit/client`: aliases, so no declaration promises a value that is not there.
import type * as S from '../contract/schemas.js';

export type SignInBody = S.SignInBody;
export type SetStatusBody = S.SetStatusBody;
export type ConversationQueryInput = S.ConversationQueryInput;
export type ConversationQuery = S.ConversationQuery;
export type MessagesQuery = S.MessagesQuery;
export type SendMessageInput = S.SendMessageInput;
export type SendMessageBody = S.SendMessageBody;
export type TransferBody = S.TransferBody;
export type UpdateCustomerBody = S.UpdateCustomerBody;
export type CreateTagBody = S.CreateTagBody;
export type UpdateTagBody = S.UpdateTagBody;
export type UpdateSettingsBody = S.UpdateSettingsBody;
export type InboundMessageBody = S.InboundMessageBody;
export type StartOutboundBody = S.StartOutboundBody;
