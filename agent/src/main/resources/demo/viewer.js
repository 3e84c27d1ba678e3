'use strict';
// A KVS viewer written against the WebSocket protocol itself (no SDK, no CDN: the demo runs offline).
// The demo server proxies three loopback-only emulator helpers: /api/presign (presigned viewer WSS URL),
// /api/ice (GetIceServerConfig) and /api/alexa-offer (SendAlexaOfferToMaster).

const $ = (id) => document.getElementById(id);
const state = { pc: null, ws: null, statsTimer: null, answerAt: 0, firstFrameAt: 0, lastBytes: 0, lastAt: 0 };
window.demo = { mode: null, connectionState: 'idle', timeToFirstFrameMs: null, errors: [] };

function log(msg) {
  const line = new Date().toISOString().substring(11, 23) + ' ' + msg;
  $('log').textContent = line + '\n' + $('log').textContent;
}

function fail(msg) {
  window.demo.errors.push(String(msg));
  log('error: ' + msg);
  $('state').textContent = 'failed: ' + msg;
}

async function api(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body || {}) });
  const text = await res.text();
  if (!res.ok) throw new Error(path + ' answered ' + res.status + ': ' + text);
  return JSON.parse(text);
}

function b64(obj) { return btoa(JSON.stringify(obj)); }
function unb64(s) {
  const std = s.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(std + '='.repeat((4 - std.length % 4) % 4)));
}

async function iceServers() {
  const cfg = await api('/api/ice', {});
  const servers = (cfg.IceServerList || []).map((s) => ({ urls: s.Uris, username: s.Username, credential: s.Password }));
  return servers;
}

async function newPeer() {
  const relayOnly = $('relayOnly').checked;
  const pc = new RTCPeerConnection({ iceServers: await iceServers(), iceTransportPolicy: relayOnly ? 'relay' : 'all' });
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.ontrack = (e) => {
    const video = $('video');
    video.srcObject = e.streams && e.streams[0] ? e.streams[0] : new MediaStream([e.track]);
  };
  pc.onconnectionstatechange = () => {
    window.demo.connectionState = pc.connectionState;
    $('state').textContent = pc.connectionState;
    log('connection ' + pc.connectionState);
  };
  return pc;
}

function watchFirstFrame() {
  const video = $('video');
  const onFrame = () => {
    if (!state.firstFrameAt) {
      state.firstFrameAt = performance.now();
      const ms = Math.round(state.firstFrameAt - state.answerAt);
      window.demo.timeToFirstFrameMs = ms;
      $('ttff').textContent = ms + ' ms (answer applied → first frame shown)';
    }
  };
  if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(onFrame);
  else video.addEventListener('loadeddata', onFrame, { once: true });
}

async function connectTrickle() {
  reset('trickle');
  const pc = state.pc = await newPeer();
  const clientId = 'demo-viewer-' + Math.random().toString(36).substring(2, 10);
  const { url } = await api('/api/presign', { clientId });
  const ws = state.ws = new WebSocket(url);
  const pending = [];
  const send = (msg) => (ws.readyState === WebSocket.OPEN ? ws.send(JSON.stringify(msg)) : pending.push(msg));
  ws.onopen = () => { log('signaling connected as ' + clientId); pending.splice(0).forEach((m) => ws.send(JSON.stringify(m))); };
  ws.onclose = (e) => log('signaling closed ' + e.code);
  ws.onmessage = async (event) => {
    let msg;
    try { msg = JSON.parse(event.data); } catch (e) { return; }
    if (!msg.messageType) return; // API-Gateway style frames carry no messageType
    if (msg.messageType === 'SDP_ANSWER') {
      const answer = unb64(msg.messagePayload);
      await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
      state.answerAt = performance.now();
      log('answer applied');
    } else if (msg.messageType === 'ICE_CANDIDATE') {
      const c = unb64(msg.messagePayload);
      try { await pc.addIceCandidate(c); } catch (e) { log('bad remote candidate: ' + e); }
    } else if (msg.messageType === 'STATUS_RESPONSE') {
      fail('signaling refused a message: ' + JSON.stringify(msg.statusResponse));
    }
  };
  pc.onicecandidate = (e) => {
    if (e.candidate && e.candidate.candidate) {
      send({ action: 'ICE_CANDIDATE', messagePayload: b64(e.candidate.toJSON()) });
    }
  };
  watchFirstFrame();
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  send({ action: 'SDP_OFFER', messagePayload: b64({ type: 'offer', sdp: pc.localDescription.sdp }) });
  startStats();
}

function waitForGathering(pc, ms) {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const t = setTimeout(resolve, ms);
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') { clearTimeout(t); resolve(); }
    });
  });
}

async function connectAlexa() {
  reset('alexa');
  const pc = state.pc = await newPeer();
  await pc.setLocalDescription(await pc.createOffer());
  await waitForGathering(pc, 3000);
  // Echo Show cannot trickle: its offer carries every candidate and no a=ice-options:trickle.
  const sdp = pc.localDescription.sdp.split('\r\n').filter((l) => !l.startsWith('a=ice-options:')).join('\r\n');
  const senderClientId = 'viewer-' + Math.random().toString(36).substring(2, 10);
  watchFirstFrame();
  const t0 = performance.now();
  const { Answer } = await api('/api/alexa-offer', { senderClientId, sdp });
  log('complete answer in ' + Math.round(performance.now() - t0) + ' ms');
  const answer = unb64(Answer);
  await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
  state.answerAt = performance.now();
  startStats();
}

function startStats() {
  state.statsTimer = setInterval(async () => {
    const pc = state.pc;
    if (!pc) return;
    const video = $('video');
    if (video.videoWidth) $('resolution').textContent = video.videoWidth + 'x' + video.videoHeight;
    const q = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : null;
    if (q) $('frames').textContent = q.totalVideoFrames;
    const report = await pc.getStats();
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        if (s.framesPerSecond !== undefined) $('fps').textContent = s.framesPerSecond;
        const now = s.timestamp;
        if (state.lastAt) {
          const kbps = ((s.bytesReceived - state.lastBytes) * 8) / (now - state.lastAt);
          $('bitrate').textContent = kbps.toFixed(0) + ' kbit/s';
        }
        state.lastBytes = s.bytesReceived; state.lastAt = now;
      }
      if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
        const local = report.get(s.localCandidateId); const remote = report.get(s.remoteCandidateId);
        if (local && remote) $('pair').textContent = local.candidateType + ' ⇄ ' + remote.candidateType + ' (' + (local.protocol || '') + ')';
      }
    });
  }, 1000);
}

function reset(mode) {
  disconnect();
  state.answerAt = 0; state.firstFrameAt = 0; state.lastBytes = 0; state.lastAt = 0;
  window.demo.mode = mode; window.demo.timeToFirstFrameMs = null; window.demo.connectionState = 'new';
  $('mode').textContent = mode + ($('relayOnly').checked ? ' (relay only)' : '');
  $('ttff').textContent = '–';
  $('disconnect').disabled = false;
}

function disconnect() {
  if (state.statsTimer) clearInterval(state.statsTimer);
  if (state.ws) state.ws.close();
  if (state.pc) state.pc.close();
  state.pc = null; state.ws = null; state.statsTimer = null;
  $('state').textContent = 'idle';
  $('disconnect').disabled = true;
}

$('connect').onclick = () => connectTrickle().catch(fail);
$('alexa').onclick = () => connectAlexa().catch(fail);
$('disconnect').onclick = disconnect;
window.demo.connectTrickle = () => connectTrickle().catch(fail);
window.demo.connectAlexa = () => connectAlexa().catch(fail);
fetch('/api/info').then((r) => r.json()).then((i) => { $('channel').textContent = i.channelName; }).catch(() => {});
