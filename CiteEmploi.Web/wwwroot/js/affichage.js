// The room display (/affichage/{cite}/{code}): no Blazor circuit, no account. It connects to the display hub with its
// Cité and code, reads the session's state on every (re)connection and shows each state the hub pushes. The timer is
// counted from the server's clock: the offset between the server's time (sent with each state) and this machine's is
// measured at each state, so a projector whose clock is wrong still shows the right time.
(() => {
  'use strict';
  const parts = location.pathname.split('/').filter(p => p.length > 0);
  const cite = decodeURIComponent(parts[1] || '');
  const code = decodeURIComponent(parts[2] || '');
  const $ = id => document.getElementById(id);
  const root = $('display');
  let state = null;
  let offset = 0;
  let ended = false;

  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/affichage?cite=' + encodeURIComponent(cite) + '&code=' + encodeURIComponent(code))
    // a projector never gives up: every few seconds, for as long as it takes (a server restart, a network cut)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(1000 * (ctx.previousRetryCount + 1), 5000) })
    .build();

  function banner(text) {
    const b = $('display-banner');
    b.textContent = text || '';
    b.hidden = !text;
  }

  function show(part) {
    for (const id of ['display-before', 'display-running', 'display-finished', 'display-closed', 'display-refused']) {
      $(id).hidden = id !== part;
    }
  }

  function figure(seconds) {
    const two = n => String(n).padStart(2, '0');
    return seconds >= 3600
      ? Math.floor(seconds / 3600) + ':' + two(Math.floor(seconds / 60) % 60) + ':' + two(seconds % 60)
      : Math.floor(seconds / 60) + ':' + two(seconds % 60);
  }

  function tick() {
    if (!state || !state.current || !state.currentStartedAt) {
      return;
    }
    const elapsed = (Date.now() + offset) - Date.parse(state.currentStartedAt);
    const planned = state.plannedMilliseconds;
    const timer = $('display-timer');
    if (elapsed > planned) {
      timer.textContent = '+' + figure(Math.floor((elapsed - planned) / 1000));
      timer.classList.add('over');
      timer.setAttribute('aria-label', 'Dépassement du temps prévu');
    } else {
      timer.textContent = figure(Math.ceil((planned - elapsed) / 1000));
      timer.classList.remove('over');
      timer.setAttribute('aria-label', 'Temps restant pour ce point');
    }
  }

  // The check-in QR code (an SVG data: address drawn by the server) and its address, before the start only.
  function checkIn(s) {
    const slot = $('display-checkin');
    const image = $('display-checkin-qr');
    if (!s.checkInQr) {
      slot.hidden = true;
      image.removeAttribute('src');
      image.alt = '';
      $('display-checkin-link').textContent = '';
      return;
    }
    if (image.getAttribute('src') !== s.checkInQr) {
      image.src = s.checkInQr;
    }
    image.alt = 'QR code d\'émargement : ' + s.checkInLink;
    $('display-checkin-link').textContent = s.checkInLink;
    slot.hidden = false;
  }

  // The speed-meeting round the room is on (an interconnaissance): « Tour 2 sur 4 » and its tables, one per line.
  function pairings(p) {
    const slot = $('display-pairings');
    const list = $('display-pairings-tables');
    if (!p) {
      slot.hidden = true;
      list.replaceChildren();
      return;
    }
    $('display-pairings-title').textContent = 'Tour ' + p.round + ' sur ' + p.roundCount;
    list.replaceChildren(...p.tables.map(t => {
      const li = document.createElement('li');
      li.textContent = t;
      return li;
    }));
    slot.hidden = false;
  }

  function render(s) {
    state = s;
    offset = Date.parse(s.serverNow) - Date.now();
    root.dataset.displayState = s.state;
    $('display-cite').textContent = s.citeName;
    $('display-session').textContent = s.kind + ' · ' + s.title;
    document.title = s.title + ' — affichage — CiteEmploi';
    // emptied as soon as the session runs (the server then sends no code): nothing of it stays in the page
    checkIn(s);
    pairings(s.state === 'EnCours' && s.current ? s.pairings : null);
    if (s.state === 'Prevue') {
      $('display-title').textContent = s.title;
      $('display-when').textContent = s.when;
      $('display-place').textContent = s.place;
      $('display-place').hidden = !s.place;
      show('display-before');
    } else if (s.state === 'EnCours' && s.current) {
      $('display-progress').textContent = 'Point ' + s.current.number + ' · ' + (s.doneCount + 1) + ' sur ' + s.stepCount;
      $('display-current').textContent = s.current.title;
      $('display-presenter').textContent = s.current.presenter ? 'Par ' + s.current.presenter : '';
      $('display-presenter').hidden = !s.current.presenter;
      $('display-forecast').textContent = s.forecast;
      $('display-next').textContent = s.next ? 'Ensuite : ' + s.next.title + (s.next.presenter ? ' (' + s.next.presenter + ')' : '') : 'Dernier point de l\u2019ordre du jour';
      show('display-running');
      tick();
    } else if (s.state === 'EnCours') {
      $('display-finished-forecast').textContent = s.forecast;
      show('display-finished');
    } else {
      show('display-closed');
    }
  }

  function refuse(message) {
    ended = true;
    state = null;
    checkIn({});
    banner('');
    root.dataset.displayState = 'refused';
    $('display-refused-message').textContent = message;
    show('display-refused');
  }

  // A hub refusal reaches the client as « … HubException: <the French message> ».
  function frenchOf(error) {
    const text = (error && error.message) || '';
    const at = text.indexOf('HubException: ');
    return at >= 0 ? text.substring(at + 'HubException: '.length) : null;
  }

  async function readState() {
    try {
      render(await connection.invoke('GetState'));
      banner('');
    } catch (error) {
      const message = frenchOf(error);
      if (message) {
        refuse(message);
      }
    }
  }

  connection.on('DisplayState', s => {
    render(s);
    banner('');
  });
  connection.on('DisplayEnded', message => {
    refuse(message);
    connection.stop();
  });
  connection.onreconnecting(() => {
    if (!ended) {
      banner('Connexion perdue, reconnexion…');
    }
  });
  connection.onreconnected(() => readState());
  connection.onclose(error => {
    if (ended) {
      return;
    }
    const message = frenchOf(error);
    if (message) {
      refuse(message);
      return;
    }
    banner('Connexion perdue, reconnexion…');
    setTimeout(start, 3000);
  });

  async function start() {
    if (ended) {
      return;
    }
    try {
      await connection.start();
    } catch {
      // the server is not there yet (a restart): try again
      banner('Connexion perdue, reconnexion…');
      setTimeout(start, 3000);
      return;
    }
    // the server may refuse the code right after the handshake: the close handler shows it
    if (connection.state === signalR.HubConnectionState.Connected) {
      await readState();
    }
  }

  setInterval(tick, 250);
  start();
})();
