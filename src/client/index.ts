// Public API of the typed client (`ow-agent-kit/client`): what the package entry has (runtime.ts), plus the
// request schemas as values, the attribute rule and the client of the simulated customer channel.
export * from './runtime.js';
export * from '../contract/schemas.js';
export * from './rules/attributes.js';
export { SimClient, type SimClientOptions, type InboundResult, type CustomerView, type TestConversationInput } from './sim-client.js';
