import pkg from '../../../package.json';

export const APP_NAME = 'Observer';
export const APP_VERSION: string = pkg.version;
