/** Pictures through wx: choosing images from the album or camera, and the full-screen preview. */

/** Up to `count` local images (temp file paths), compressed; [] when the person cancels. */
export const chooseImages = (count: number): Promise<string[]> =>
  new Promise((resolve) => {
    if (count <= 0) {
      resolve([]);
      return;
    }
    wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      success: (res) => resolve(res.tempFiles.map((file) => file.tempFilePath)),
      // Cancelling is a fail too: nothing chosen.
      fail: () => resolve([]),
    });
  });

/** WeChat's image viewer over `urls`, opened at `current`. */
export const previewImages = (urls: string[], current: string) => {
  wx.previewImage({ urls, current });
};
