export { OfflineStatus } from './OfflineStatus';
export { UpdatePrompt } from './UpdatePrompt';
export { PrivacyStatement } from './PrivacyStatement';
export { useOfflineState, type OfflineState } from './offlineState';
