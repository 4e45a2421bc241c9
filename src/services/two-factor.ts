import { Secret, TOTP } from 'otpauth';
import * as twoFactors from '../models/two-factors.js';
import type { User } from '../models/users.js';
import type { ServiceContext } from './context.js';
import { conflict, invalid, notFound } from './errors.js';
import type { SecretBox } from './secrets.js';

export interface Enrolment {
  /** Base32 secret for authenticator apps. */
  secret: string;
  /** otpauth:// URI, for a QR code. */
  url: string;
  enabled: boolean;
}

// Accept the previous and next 30-second step too, for clock drift between client and server.
const WINDOW = 1;

export class TwoFactorService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly box: SecretBox,
  ) {}

  /** Starts (or restarts) enrolment: TOTP is enforced only once a passcode confirms it, unless `enable`. */
  async enrol(user: User, enable = false): Promise<Enrolment> {
    const current = await twoFactors.getTwoFactor(this.ctx.q, user.id);
    if (current?.enabled) throw conflict('two-factor authentication is already enabled; disable it first');
    const secret = new Secret({ size: 20 }).base32;
    await twoFactors.putTwoFactor(this.ctx.q, user.id, this.box.seal(secret), enable);
    return { secret, url: this.totp(user, secret).toString(), enabled: enable };
  }

  /** Confirms a pending enrolment with a passcode from the authenticator. */
  async confirm(user: User, passcode: string): Promise<void> {
    const current = await twoFactors.getTwoFactor(this.ctx.q, user.id);
    if (!current) throw notFound('no two-factor enrolment is pending; POST without a passcode first');
    if (current.enabled) throw conflict('two-factor authentication is already enabled');
    if (!this.check(user, this.box.open(current.secretEnc), passcode)) throw invalid('passcode is wrong or expired');
    await twoFactors.enableTwoFactor(this.ctx.q, user.id);
  }

  async disable(user: User): Promise<void> {
    if (!(await twoFactors.getTwoFactor(this.ctx.q, user.id))) throw notFound('two-factor authentication is not enabled');
    await twoFactors.deleteTwoFactor(this.ctx.q, user.id);
  }

  async isEnabled(user: User): Promise<boolean> {
    return (await twoFactors.getTwoFactor(this.ctx.q, user.id))?.enabled ?? false;
  }

  /** Checks a passcode against an enabled enrolment. */
  async verify(user: User, passcode: string): Promise<boolean> {
    const current = await twoFactors.getTwoFactor(this.ctx.q, user.id);
    return Boolean(current?.enabled && this.check(user, this.box.open(current.secretEnc), passcode));
  }

  private check(user: User, secret: string, passcode: string): boolean {
    const code = passcode.trim();
    return /^\d{6}$/.test(code) && this.totp(user, secret).validate({ token: code, window: WINDOW }) !== null;
  }

  private totp(user: User, secret: string): TOTP {
    return new TOTP({ issuer: this.ctx.config.appName, label: user.name, secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  }
}
