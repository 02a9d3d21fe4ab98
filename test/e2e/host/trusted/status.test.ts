import assert from 'node:assert/strict';
import { activated, NOTE_09, open, poll } from '../helpers';

describe('status item', () => {
  it('shows the active record\'s kind and required elements, as the server reports them', async () => {
    const { document: doc } = await open(NOTE_09);
    const api = await activated();
    assert.ok(api.status, 'activate() returns the status item');
    const fromServer = await api.client.sendRequest<{ text: string }>('groupRecords/status', { uri: doc.uri.toString() });
    assert.match(fromServer.text, /Session note/i);
    await poll(() => api.status!.text === fromServer.text, () => `status text "${fromServer.text}" (now "${api.status!.text}")`);
  });
});
