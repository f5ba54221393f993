import cravings from './cravings';
import quit from './quit';

export default { quit, cravings };
