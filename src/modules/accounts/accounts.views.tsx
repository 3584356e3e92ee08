import { NATIONAL_ROLES, ROLE_LABELS, type NationalRole } from '../../core/access/permissions.ts';
import type { FieldErrors } from '../../core/errors.ts';
import {
  Button,
  ErrorSummary,
  Form,
  formatDateTime,
  SelectField,
  Table,
  Tag,
  TextField,
} from '../../core/ui/components.tsx';
import type { AccountsService, PublicUser } from './accounts.service.ts';
import { PASSWORD_MIN_LENGTH } from './passwords.ts';
import type { PublicToken } from './tokens.service.ts';
import { TokensSection } from './tokens.views.tsx';

/** Views of sign-in, one's account and the administration of accounts: props in, JSX out (routes in accounts.routes.tsx). */

type UserListed = Awaited<ReturnType<AccountsService['listUsers']>>[number];

/** The sign-in form, with what was typed, its errors, or a message (too many attempts). */
export function LoginPage({
  csrfToken,
  errors,
  email,
  next,
  message,
}: {
  csrfToken: string;
  errors?: FieldErrors | null;
  email?: string;
  next?: string;
  message?: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={{ email: 'Email address', password: 'Password' }} />
      {message ? (
        <div class="ds_inset-text" role="alert">
          <div class="ds_inset-text__text">{message}</div>
        </div>
      ) : null}
      <Form action="/login" token={csrfToken}>
        <input type="hidden" name="next" value={next ?? ''} />
        <TextField
          name="email"
          label="Email address"
          type="email"
          autocomplete="username"
          value={email}
          errors={errors}
        />
        <TextField name="password" label="Password" type="password" autocomplete="current-password" errors={errors} />
        <Button>Sign in</Button>
      </Form>
      <p>Forgotten your password? Ask your partnership manager or a Cairn administrator to reset it.</p>
    </>
  );
}

/** Who the account is: name, email address and any national roles. */
function AccountSummary({ me, nationalRoles }: { me: PublicUser; nationalRoles: readonly NationalRole[] }) {
  return (
    <dl class="ds_summary-list">
      <div class="ds_summary-list__item">
        <dt class="ds_summary-list__key">Name</dt>
        <dd class="ds_summary-list__value">{me.displayName}</dd>
      </div>
      <div class="ds_summary-list__item">
        <dt class="ds_summary-list__key">Email address</dt>
        <dd class="ds_summary-list__value">{me.email}</dd>
      </div>
      {nationalRoles.length ? (
        <div class="ds_summary-list__item">
          <dt class="ds_summary-list__key">National roles</dt>
          <dd class="ds_summary-list__value">{nationalRoles.map((r) => ROLE_LABELS[r]).join(', ')}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The form that changes one's own password. */
function ChangePasswordForm({ errors, csrfToken }: { errors: FieldErrors | null; csrfToken: string }) {
  return (
    <>
      <h2>Change your password</h2>
      <ErrorSummary
        errors={errors}
        labels={{
          current_password: 'Current password',
          new_password: 'New password',
          confirm_password: 'Confirm new password',
        }}
      />
      <Form action="/account/password" token={csrfToken}>
        <TextField
          name="current_password"
          label="Current password"
          type="password"
          autocomplete="current-password"
          errors={errors}
        />
        <TextField
          name="new_password"
          label="New password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. Three random words make a strong password that is easy to remember.`}
          type="password"
          autocomplete="new-password"
          errors={errors}
        />
        <TextField
          name="confirm_password"
          label="Confirm new password"
          type="password"
          autocomplete="new-password"
          errors={errors}
        />
        <Button>Change password</Button>
      </Form>
    </>
  );
}

/**
 * The account page: who one is, the password form, and one's API tokens. While a temporary password must be
 * changed, only the password form is shown.
 */
export function AccountPage({
  me,
  nationalRoles,
  tokens,
  partnerships,
  errors,
  tokenForm,
  csrfToken,
}: {
  me: PublicUser;
  nationalRoles: readonly NationalRole[];
  tokens: readonly PublicToken[];
  /** The partnerships a token that writes may name. */
  partnerships: readonly { id: number; code: string; name: string }[];
  /** The password form's errors. */
  errors: FieldErrors | null;
  /** The token form's errors and what was typed in it. */
  tokenForm: { errors: FieldErrors; raw: Record<string, unknown> } | null;
  csrfToken: string;
}) {
  const mustChange = me.mustChangePassword;
  return (
    <>
      {mustChange ? (
        <div class="ds_inset-text" role="alert">
          <div class="ds_inset-text__text">
            You signed in with a temporary password. Choose a new password to continue.
          </div>
        </div>
      ) : null}
      <AccountSummary me={me} nationalRoles={nationalRoles} />
      <ChangePasswordForm errors={errors} csrfToken={csrfToken} />
      {mustChange ? null : (
        <TokensSection
          tokens={tokens}
          partnerships={partnerships}
          csrfToken={csrfToken}
          errors={tokenForm?.errors ?? null}
          raw={tokenForm?.raw ?? {}}
        />
      )}
    </>
  );
}

/** An account's status: active, waiting for a new password, or deactivated. */
function UserStatus({ user }: { user: UserListed }) {
  if (!user.active) return <Tag colour="grey">Deactivated</Tag>;
  return user.must_change_password ? <Tag colour="orange">Must change password</Tag> : <Tag colour="green">Active</Tag>;
}

/** The forms that reset an account's password and deactivate (or reactivate) it. */
function UserActions({ user, csrfToken }: { user: UserListed; csrfToken: string }) {
  return (
    <>
      <Form action={`/admin/users/${user.id}/reset-password`} token={csrfToken} class="cairn-inline-form">
        <button type="submit" class="cairn-link-button">
          Reset password<span class="visually-hidden"> for {user.email}</span>
        </button>
      </Form>
      {' · '}
      <Form action={`/admin/users/${user.id}/active`} token={csrfToken} class="cairn-inline-form">
        <input type="hidden" name="active" value={user.active ? 'false' : 'true'} />
        <button type="submit" class="cairn-link-button">
          {user.active ? 'Deactivate' : 'Reactivate'}
          <span class="visually-hidden"> {user.email}</span>
        </button>
      </Form>
    </>
  );
}

/** Every account, with its roles, status and last sign-in. */
function UsersTable({ users, csrfToken }: { users: readonly UserListed[]; csrfToken: string }) {
  return (
    <Table
      caption="User accounts"
      rows={users}
      empty="There are no accounts."
      columns={[
        {
          header: 'Name',
          cell: (u) => (
            <>
              {u.display_name}
              {u.fictional ? (
                <>
                  {' '}
                  <Tag colour="yellow">Demo</Tag>
                </>
              ) : null}
            </>
          ),
        },
        { header: 'Email', cell: (u) => u.email },
        {
          header: 'Roles',
          cell: (u) => (
            <>
              {[
                ...u.nationalRoles.map((r) => ROLE_LABELS[r]),
                ...u.partnershipRoles.map((r) => `${ROLE_LABELS[r.role as 'viewer']}, ${r.partnership_name}`),
              ].join('; ') || 'None'}
            </>
          ),
        },
        { header: 'Status', cell: (u) => <UserStatus user={u} /> },
        { header: 'Last sign-in', cell: (u) => formatDateTime(u.last_login_at) || 'Never' },
        { header: 'Actions', cell: (u) => <UserActions user={u} csrfToken={csrfToken} /> },
      ]}
    />
  );
}

/** The form that creates an account. */
function CreateUserForm({
  errors,
  raw,
  csrfToken,
}: {
  errors: FieldErrors | null;
  raw: Record<string, unknown>;
  csrfToken: string;
}) {
  return (
    <>
      <h2>Create an account</h2>
      <p>A temporary password is shown once; the person must change it when they first sign in.</p>
      <ErrorSummary
        errors={errors}
        labels={{ email: 'Email address', display_name: 'Name', national_role: 'National role' }}
      />
      <Form action="/admin/users" token={csrfToken}>
        <TextField name="display_name" label="Name" value={String(raw['display_name'] ?? '')} errors={errors} />
        <TextField name="email" label="Email address" type="email" value={String(raw['email'] ?? '')} errors={errors} />
        <SelectField
          name="national_role"
          label="National role"
          hint="Leave as none for people who work in one partnership; a partnership manager then gives them a role there."
          placeholder="None"
          options={NATIONAL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          value={String(raw['national_role'] ?? '')}
          errors={errors}
        />
        <Button>Create account</Button>
      </Form>
    </>
  );
}

/** The administration of accounts: every account, and the form that creates one. */
export function UsersPage({
  users,
  errors,
  raw,
  csrfToken,
}: {
  users: readonly UserListed[];
  errors: FieldErrors | null;
  raw: Record<string, unknown>;
  csrfToken: string;
}) {
  return (
    <>
      <UsersTable users={users} csrfToken={csrfToken} />
      <p>
        <a href="/admin/tokens">API tokens of all users</a>
      </p>
      <CreateUserForm errors={errors} raw={raw} csrfToken={csrfToken} />
    </>
  );
}

/** The one time a temporary password is shown, to the administrator who set it. */
export function TemporaryPasswordPage({ email, password }: { email: string; password: string }) {
  return (
    <>
      <p>
        Give this temporary password to <strong>{email}</strong> by a secure route. It is shown only once. They must
        choose a new password when they sign in.
      </p>
      <p>
        <span class="cairn-secret">{password}</span>
      </p>
      <p>
        <a href="/admin/users">Back to user accounts</a>
      </p>
    </>
  );
}
