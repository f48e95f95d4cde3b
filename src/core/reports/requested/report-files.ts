// @internal: where requested reports' files live, under the data directory.
import path from 'node:path';

export const filesDir = (dataDir: string) => path.join(dataDir, 'requested-reports');
export const filePath = (dataDir: string, key: string) => path.join(filesDir(dataDir), key);
