// Placeholder so the project opens in DevTools; replaced by the page itself.
Page({});
