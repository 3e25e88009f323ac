/**
 * Security headers of the web apps' pages and assets (helmet). The Content-Security-Policy lets form-js work:
 * its components set inline `style` attributes and flatpickr positions its calendar with them
 * (`style-src 'unsafe-inline'`), documentPreview shows a downloaded PDF from a `blob:` URL in an `<embed>`
 * (`object-src blob:`), and printing a notice loads it into a `blob:` frame. Scripts come only from our own
 * bundles. No `upgrade-insecure-requests`: the apps are served over plain HTTP on loopback by default.
 */
import helmet from 'helmet';

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ['blob:'],
        'frame-src': ["'self'", 'blob:'],
        'worker-src': ["'self'", 'blob:'],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
      },
    },
    // HTTPS is the operator's proxy's business; HSTS on a plain-HTTP loopback answer would only confuse
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'same-origin' },
  });
}
