import type { Decider } from '../shared/decider.js';
import { NotFoundError } from '../shared/errors.js';
import type {
  CancelOrganization,
  OrganizationCommand,
  RegisterOrganization,
  SuspendOrganization,
  UpdateOrganizationProfile,
} from './commands.js';
import type { OrganizationEvent, OrganizationProfileUpdated } from './events.js';
import { organizationError } from './messages.js';
import { requireCurrentPolicies } from './policy-acceptance.js';
import type { Organization } from './state.js';

function initialState(): Organization {
  return {
    status: 'initial',
    id: '',
    kind: 'demander',
    name: '',
    uscc: '',
    city: '',
    qualifications: [],
    contact: null,
    description: '',
    suspensionReason: null,
    policiesAccepted: null,
    registeredAt: null,
    verifiedAt: null,
    updatedAt: null,
  };
}

/** Registration is public: anyone may register an organization, which then waits for staff to verify it. */
function register({ data, context }: RegisterOrganization, state: Organization): OrganizationEvent[] {
  if (state.status !== 'initial') throw organizationError('organization.already_registered');
  const { fields, accepted } = data;
  requireCurrentPolicies(accepted, data.currentPolicies);
  return [
    {
      type: 'OrganizationRegistered',
      data: { orgId: data.orgId, ...fields, accepted, at: context.now.toISOString() },
    },
  ];
}

function suspend({ data, context }: SuspendOrganization, state: Organization): OrganizationEvent[] {
  const { reason } = data;
  if (state.status === 'suspended') return [];
  if (state.status !== 'verified') throw organizationError('organization.not_verified');
  return [
    { type: 'OrganizationSuspended', data: { orgId: state.id, reason, at: context.now.toISOString() } },
  ];
}

function updateProfile(
  { data, context }: UpdateOrganizationProfile,
  state: Organization,
): OrganizationEvent[] {
  const { actor } = context;
  if (actor.role !== 'staff') {
    if (actor.orgId !== state.id || actor.role !== state.kind)
      throw organizationError('organization.forbidden');
    if (state.status === 'suspended') throw organizationError('organization.suspended');
  }
  const { profile } = data;
  const changes: OrganizationProfileUpdated['data']['changes'] = {};
  for (const [key, value] of Object.entries(profile) as [keyof typeof profile, unknown][]) {
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(state[key])) {
      Object.assign(changes, { [key]: value });
    }
  }
  if (Object.keys(changes).length === 0) return [];
  return [
    { type: 'OrganizationProfileUpdated', data: { orgId: state.id, changes, at: context.now.toISOString() } },
  ];
}

/** By a member of the organization, closing its last active account; again, it changes nothing. */
function cancel({ data, context }: CancelOrganization, state: Organization): OrganizationEvent[] {
  if (context.actor.orgId !== state.id) throw organizationError('organization.forbidden');
  if (state.status === 'cancelled') return [];
  if (data.membersLeft > 0) throw organizationError('organization.members_left');
  return [{ type: 'OrganizationCancelled', data: { orgId: state.id, at: context.now.toISOString() } }];
}

function decide(command: OrganizationCommand, state: Organization): OrganizationEvent[] {
  if (command.type === 'RegisterOrganization') return register(command, state);
  if (state.status === 'initial') throw new NotFoundError('organization', command.data.orgId);
  if (command.type === 'CancelOrganization') return cancel(command, state);
  if (state.status === 'cancelled') throw organizationError('organization.cancelled');
  if (command.type === 'UpdateOrganizationProfile') return updateProfile(command, state);
  if (command.context.actor.role !== 'staff') throw organizationError('organization.staff_only');
  const event = { orgId: state.id, at: command.context.now.toISOString() };
  switch (command.type) {
    case 'VerifyOrganization':
      if (state.status === 'verified') return [];
      if (state.status !== 'pending') throw organizationError('organization.not_pending');
      return [{ type: 'OrganizationVerified', data: event }];
    case 'SuspendOrganization':
      return suspend(command, state);
    case 'ReinstateOrganization':
      if (state.status === 'verified') return [];
      if (state.status !== 'suspended') throw organizationError('organization.not_suspended');
      return [{ type: 'OrganizationReinstated', data: event }];
  }
}

function evolve(state: Organization, event: OrganizationEvent): Organization {
  switch (event.type) {
    case 'OrganizationRegistered': {
      const { orgId, at, accepted, ...fields } = event.data;
      const policiesAccepted = accepted ?? null;
      return {
        ...state,
        ...fields,
        policiesAccepted,
        status: 'pending',
        id: orgId,
        registeredAt: at,
        updatedAt: at,
      };
    }
    case 'OrganizationVerified':
      return { ...state, status: 'verified', verifiedAt: event.data.at, updatedAt: event.data.at };
    case 'OrganizationSuspended':
      return { ...state, status: 'suspended', suspensionReason: event.data.reason, updatedAt: event.data.at };
    case 'OrganizationReinstated':
      return { ...state, status: 'verified', suspensionReason: null, updatedAt: event.data.at };
    case 'OrganizationProfileUpdated':
      return { ...state, ...event.data.changes, updatedAt: event.data.at };
    case 'OrganizationCancelled':
      return { ...state, status: 'cancelled', updatedAt: event.data.at };
  }
}

export const organizationDecider: Decider<Organization, OrganizationCommand, OrganizationEvent> = {
  decide,
  evolve,
  initialState,
};
