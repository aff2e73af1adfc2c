import { mount, RouterLinkStub } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DeleteProjectNoteDocument,
  EditProjectNoteDocument,
  type DeleteProjectNoteMutation,
  type EditProjectNoteMutation,
  type EditProjectNoteMutationVariables,
  type ProjectNoteFragment,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { allowed, refused } from '@/shared/testing/permissions';
import ProjectNoteItem from './ProjectNoteItem.vue';

function note(fields: Partial<ProjectNoteFragment> = {}): ProjectNoteFragment {
  return {
    __typename: 'Note',
    id: 'n1',
    body: 'The tees are late',
    bodyHtml: '<p>The tees are late</p>',
    version: 2,
    pinned: false,
    pinnedAt: null,
    createdAt: '2026-12-01T10:00:00Z',
    editedAt: null,
    author: { __typename: 'User', id: 'u3', name: 'Priya Production', handle: 'priya' },
    pinnedBy: null,
    purchaseOrder: null,
    salesOrder: null,
    invoice: null,
    can: { __typename: 'NoteCan', edit: allowed, delete: allowed, pin: allowed },
    ...fields,
  };
}

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountNote(
  shown: ProjectNoteFragment,
  respond: { edit?: (v: EditProjectNoteMutationVariables) => MockResponse<EditProjectNoteMutation>; remove?: () => MockResponse<DeleteProjectNoteMutation> } = {},
) {
  const { client, calls } = createMockApolloClient([
    mockOperation(EditProjectNoteDocument, (v) => respond.edit!(v)),
    mockOperation(DeleteProjectNoteDocument, () => respond.remove!()),
  ]);
  const wrapper = mount(ProjectNoteItem, {
    attachTo: document.body,
    props: { note: shown },
    global: { provide: { [apolloClientKey as symbol]: client }, stubs: { RouterLink: RouterLinkStub } },
  });
  mounted.push(wrapper);
  return { wrapper, calls };
}

describe('ProjectNoteItem: edit and delete, as the server allows', () => {
  it('shows Edit and Delete only when can says so (the author or an admin)', () => {
    const refusedEdit = refused('FORBIDDEN', 'Only its author or an admin edits a note.');
    const refusedDelete = refused('FORBIDDEN', 'Only its author or an admin deletes a note.');
    const { wrapper } = mountNote(note({ can: { __typename: 'NoteCan', edit: refusedEdit, delete: refusedDelete, pin: allowed } }));
    expect(wrapper.find('[data-testid="note-edit"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="note-delete"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="note-pin-toggle"]').exists()).toBe(true);
  });

  it('sends the edit with the version the author saw', async () => {
    const { wrapper, calls } = mountNote(note(), {
      edit: (v) => ({ data: { editNote: { __typename: 'NotePayload', userErrors: [], note: note({ body: v.body, bodyHtml: `<p>${v.body}</p>`, version: 3, editedAt: '2026-12-02T10:00:00Z' }) } } }),
    });
    await wrapper.find('[data-testid="note-edit"]').trigger('click');
    expect((wrapper.find('[data-testid="note-edit-body"]').element as HTMLTextAreaElement).value).toBe('The tees are late');
    await wrapper.find('[data-testid="note-edit-body"]').setValue('The tees are late: 200 next week');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="note-edit-body"]').exists()).toBe(false));
    expect(calls).toEqual([{ operationName: 'EditProjectNote', variables: { id: 'n1', body: 'The tees are late: 200 next week', expectedVersion: 2 } }]);
  });

  it('on a stale edit shows the CONFLICT clearly, keeps the draft and offers to show the other change', async () => {
    const message = 'Someone else changed this note since you opened it; reload to see their change, then try again.';
    const { wrapper } = mountNote(note(), {
      edit: () => ({ data: { editNote: { __typename: 'NotePayload', note: null, userErrors: [{ __typename: 'UserError', code: 'CONFLICT', message, field: ['expectedVersion'] }] } } }),
    });
    await wrapper.find('[data-testid="note-edit"]').trigger('click');
    await wrapper.find('[data-testid="note-edit-body"]').setValue('My version');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="note-problem"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="note-problem"]').text()).toContain(message);
    expect((wrapper.find('[data-testid="note-edit-body"]').element as HTMLTextAreaElement).value).toBe('My version');
    await wrapper.find('[data-testid="note-reload"]').trigger('click');
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('deletes after a confirmation and tells the page', async () => {
    const { wrapper, calls } = mountNote(note(), { remove: () => ({ data: { deleteNote: { __typename: 'NotePayload', userErrors: [], note: { __typename: 'Note', id: 'n1' } } } }) });
    await wrapper.find('[data-testid="note-delete"]').trigger('click');
    expect(calls).toHaveLength(0);
    await wrapper.find('[data-testid="note-delete-confirm"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.emitted('changed')).toHaveLength(1));
    expect(calls).toEqual([{ operationName: 'DeleteProjectNote', variables: { id: 'n1' } }]);
  });
});
