import chat from './chat';

export default { chat };
