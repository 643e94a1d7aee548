"""`publish watch`: a warm process that rebuilds a meeting on every save and shows
the page, with its copyfit drawn on it, in a browser on this machine only.

    session.py   one rebuild: compose, page images, outputs kept only when good
    overlay.py   copyfit geometry (blocks, 背题, 开天窗, overflow) from compose's result
    raster.py    PDF page -> screen image
    watcher.py   file events -> debounced rebuilds
    server.py    127.0.0.1 HTTP: the page, its state as server-sent events, downloads
    skeleton.py  `publish new`: a commented meeting to start from
"""
