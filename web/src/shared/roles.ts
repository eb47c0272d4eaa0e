export { type Role, ROLES } from '../../../common/enums';
