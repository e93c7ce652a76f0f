"""cdp.py - drives headless Chromium through the DevTools protocol, for the browser tests
of tests/e2e. The protocol runs over a pipe (--remote-debugging-pipe: JSON messages ended
by NUL on the browser's fds 3 and 4), so no websocket library and no port are needed.
The standard library only.

    with Browser(shots_dir) as b:
        p = b.page()
        p.goto(url); p.wait("document.querySelector('#q')")
        p.type_text('giay phep'); p.press_enter(); p.click('.result a')
        p.screenshot('search')
"""
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time


class CdpError(Exception):
    pass


def _high(fd):
    n = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return n


def chromium_path():
    for name in ('chromium', 'chromium-browser', 'google-chrome'):
        p = shutil.which(name)
        if p:
            return p
    return None


class Browser:
    def __init__(self, shots, width=1280, height=900):
        self.shots = shots
        self.width, self.height = width, height
        self.next_id = 0
        self.buf = b''
        self.events = []
        self.profile = tempfile.mkdtemp(prefix='hoso-chrome.')
        self.downloads = os.path.join(self.profile, 'downloads')
        os.makedirs(self.downloads)
        os.makedirs(shots, exist_ok=True)
        # fds 3 and 4 of the browser: it reads commands from 3 and writes replies to 4. The
        # pipe ends are moved above 10 first, so that putting them at 3 and 4 in the child
        # cannot overwrite one with the other; they are close-on-exec, the copies are not.
        cmd_r, self.cmd_w, self.out_r, out_w = [_high(fd) for fd in os.pipe() + os.pipe()]

        def to_3_and_4():
            os.dup2(cmd_r, 3)
            os.dup2(out_w, 4)
        self.proc = subprocess.Popen(
            [chromium_path(), '--headless', '--no-sandbox', '--disable-gpu',
             '--remote-debugging-pipe', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--no-first-run',
             '--user-data-dir=' + self.profile, '--window-size=%d,%d' % (width, height),
             'about:blank'],
            close_fds=False, preexec_fn=to_3_and_4, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(cmd_r)
        os.close(out_w)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.send('Browser.close', timeout=5)
        except (CdpError, OSError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.cmd_w)
        os.close(self.out_r)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read(self, deadline):
        while b'\0' not in self.buf:
            left = deadline - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.out_r], [], [], left)
            if not r:
                return None
            chunk = os.read(self.out_r, 1 << 20)
            if not chunk:
                raise CdpError('chromium went away')
            self.buf += chunk
        msg, self.buf = self.buf.split(b'\0', 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        msg = {'id': self.next_id, 'method': method, 'params': params or {}}
        if session:
            msg['sessionId'] = session
        os.write(self.cmd_w, json.dumps(msg).encode() + b'\0')
        deadline = time.time() + timeout
        while True:
            m = self._read(deadline)
            if m is None:
                raise CdpError('%s: no answer in %d s' % (method, timeout))
            if m.get('id') == self.next_id:
                if 'error' in m:
                    raise CdpError('%s: %s' % (method, m['error'].get('message')))
                return m.get('result', {})
            if 'method' in m:
                self.events.append(m)

    def event(self, method, pred=lambda p: True, timeout=30):
        """The first event named method (received or to come) whose params satisfy pred."""
        deadline = time.time() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e['method'] == method and pred(e.get('params', {})):
                    return self.events.pop(i)['params']
            m = self._read(deadline)
            if m is None:
                raise CdpError('no %s in %d s' % (method, timeout))
            if 'method' in m:
                self.events.append(m)

    def page(self):
        target = self.send('Target.createTarget', {'url': 'about:blank'})['targetId']
        session = self.send('Target.attachToTarget',
                            {'targetId': target, 'flatten': True})['sessionId']
        p = Page(self, session)
        p.send('Page.enable')
        p.send('Runtime.enable')
        p.send('Emulation.setDeviceMetricsOverride',
               {'width': self.width, 'height': self.height, 'deviceScaleFactor': 1,
                'mobile': False})
        self.send('Browser.setDownloadBehavior',
                  {'behavior': 'allow', 'downloadPath': self.downloads, 'eventsEnabled': True})
        return p


class Page:
    def __init__(self, browser, session):
        self.b = browser
        self.session = session

    def send(self, method, params=None, timeout=30):
        return self.b.send(method, params, self.session, timeout)

    def eval(self, expr):
        """The value of a JavaScript expression (awaited when it is a promise)."""
        r = self.send('Runtime.evaluate', {'expression': expr, 'returnByValue': True,
                                           'awaitPromise': True})
        if 'exceptionDetails' in r:
            raise CdpError('%s: %s' % (expr, r['exceptionDetails'].get('text')))
        return r['result'].get('value')

    def wait(self, expr, timeout=20):
        """Waits until expr is truthy; returns its value."""
        deadline = time.time() + timeout
        while True:
            v = self.eval(expr)
            if v:
                return v
            if time.time() > deadline:
                raise CdpError('timed out waiting for: ' + expr)
            time.sleep(0.1)

    def goto(self, url):
        self.send('Page.navigate', {'url': url})
        self.wait("document.readyState === 'complete'")

    def type_text(self, text):
        """Types text into the focused element, a key at a time."""
        for ch in text:
            self.send('Input.dispatchKeyEvent', {'type': 'keyDown', 'text': ch, 'key': ch,
                                                 'unmodifiedText': ch})
            self.send('Input.dispatchKeyEvent', {'type': 'keyUp', 'key': ch})

    def press_enter(self):
        key = {'key': 'Enter', 'code': 'Enter', 'windowsVirtualKeyCode': 13,
               'nativeVirtualKeyCode': 13}
        self.send('Input.dispatchKeyEvent', dict(key, type='keyDown', text='\r'))
        self.send('Input.dispatchKeyEvent', dict(key, type='keyUp'))

    def click(self, selector, timeout=20):
        """Clicks the middle of the first element matching selector, as a mouse would."""
        js = ("(() => { const e = document.querySelector(%s); if (!e) return null;"
              " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
              " return r.width && r.height ? [r.x + r.width / 2, r.y + r.height / 2] : null; })()"
              % json.dumps(selector))
        x, y = self.wait(js, timeout)
        for t in ('mouseMoved', 'mousePressed', 'mouseReleased'):
            self.send('Input.dispatchMouseEvent', {'type': t, 'x': x, 'y': y,
                                                   'button': 'left', 'clickCount': 1})

    def screenshot(self, name):
        """Saves the page as <shots>/<name>.png; returns the path."""
        data = self.send('Page.captureScreenshot', {'format': 'png'})['data']
        path = os.path.join(self.b.shots, name + '.png')
        with open(path, 'wb') as f:
            f.write(base64.b64decode(data))
        return path

    def download(self, timeout=30):
        """The path of the download started last, once it is complete."""
        begin = self.b.event('Browser.downloadWillBegin', timeout=timeout)
        self.b.event('Browser.downloadProgress',
                     lambda p: p.get('guid') == begin['guid'] and p.get('state') == 'completed',
                     timeout)
        return os.path.join(self.b.downloads, begin['suggestedFilename'])
