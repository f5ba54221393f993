import { NetworkError, type HttpResponse } from './types';

/**
 * One multipart upload of a local file (wx.uploadFile): `field` names the file part. Resolves with the
 * answer whatever its status (parsed as JSON when it is); rejects with NetworkError when none came.
 * `onProgress` hears the upload task's percentages.
 */
export const wxUploadFile = (request: {
  url: string;
  filePath: string;
  field: string;
  headers: Record<string, string>;
  timeoutMs?: number;
  onProgress?: (percent: number) => void;
}): Promise<HttpResponse> =>
  new Promise((resolve, reject) => {
    const task = wx.uploadFile({
      url: request.url,
      filePath: request.filePath,
      name: request.field,
      header: request.headers,
      timeout: request.timeoutMs,
      success: (res) => {
        let body: unknown = null;
        if (typeof res.data === 'string' && res.data !== '') {
          try {
            body = JSON.parse(res.data) as unknown;
          } catch {
            body = res.data;
          }
        }
        resolve({ status: res.statusCode, headers: {}, body });
      },
      fail: (err) => reject(new NetworkError(err.errMsg || 'uploadFile:fail')),
    });
    const onProgress = request.onProgress;
    // (A test double may hand back no task.)
    if (onProgress && task && typeof task.onProgressUpdate === 'function') task.onProgressUpdate((res) => onProgress(res.progress));
  });
