import assert from 'node:assert/strict';
import { describeIdentifier, findIdentifiers, type IdentifierKind, type PrivacyOptions } from '../../server/src/core/privacy';

const roster: PrivacyOptions = { names: [{ full: 'Maria Lopez' }, { full: 'Dobbins, Terry' }, { full: 'Ana Rose' }, { full: 'Sam Young' }] };
const scan = (text: string, options: PrivacyOptions = roster) => findIdentifiers(text, 0, text.length, options);

describe('privacy: findIdentifiers', () => {
  describe('flags likely identifiers in group notes', () => {
    // [sentence, kind, the exact text the hit must cover]
    const positives: Array<[string, IdentifierKind, string]> = [
      ['M03 asked staff to reach her at jane.doe@example.org after group.', 'email', 'jane.doe@example.org'],
      ['Parent e-mail (per M05): t_nguyen+school@mail.example.co.uk.', 'email', 't_nguyen+school@mail.example.co.uk'],
      ["M02's cell is (555) 123-4567 if she misses group.", 'phone', '(555) 123-4567'],
      ['Worker left a voicemail at 555-123-4567 for M04.', 'phone', '555-123-4567'],
      ['Contact number on the sign-in sheet: 555.123.4567', 'phone', '555.123.4567'],
      ['M01 gave her mobile, +1 555 123 4567, to the group.', 'phone', '+1 555 123 4567'],
      ['Her father can be called on 1-555-234-5678.', 'phone', '1-555-234-5678'],
      ['phone: 5551234567 (M06, mother)', 'phone', '5551234567'],
      ['M07 texted from 15552345678 during the session.', 'phone', '15552345678'],
      ['Cousin in London: +44 20 7946 0958.', 'phone', '+44 20 7946 0958'],
      ['Tel. 555-0199 was written on the handout.', 'phone', '555-0199'],
      ['Interpreter line for M08: (613)555-0142.', 'phone', '(613)555-0142'],
      ['M03 read out her SSN 123-45-6789 by mistake.', 'national-id', '123-45-6789'],
      ['A form showing 219-09-9999 was left on the table.', 'national-id', '219-09-9999'],
      ['Social security number 078051120 appeared on the intake copy.', 'national-id', '078051120'],
      ['SIN 046 454 286 was visible on the ODSP letter.', 'national-id', '046 454 286'],
      ['The card read 130-692-544 under the photo.', 'national-id', '130-692-544'],
      ['M04 moved to 45 Elm Street last week.', 'address', '45 Elm Street'],
      ['She now lives at 1207 West Pine Ave, Apt 4B with her aunt.', 'address', '1207 West Pine Ave, Apt 4B'],
      ['Pick-up was arranged at 9 Saint Clair Blvd.', 'address', '9 Saint Clair Blvd'],
      ['The shelter at 300 Martin Luther King Jr. Dr is full.', 'address', '300 Martin Luther King Jr. Dr'],
      ['Mail goes to P.O. Box 4412 for now.', 'address', 'P.O. Box 4412'],
      ['M06 (DOB: 2014-05-03) joined today.', 'date-of-birth', '2014-05-03'],
      ['Intake lists date of birth as 05/03/2014.', 'date-of-birth', '05/03/2014'],
      ['M02 was born on May 3, 2014 in Ottawa.', 'date-of-birth', 'May 3, 2014'],
      ['Member (b. 3 May 2014) shared a drawing.', 'date-of-birth', '3 May 2014'],
      ['Her birthday is 12th of March and she wanted cake.', 'date-of-birth', '12th of March'],
      ['D.O.B. 3/5/14 on the referral form.', 'date-of-birth', '3/5/14'],
      ['Maria Lopez talked about her brother.', 'name', 'Maria Lopez'],
      ['The worker checked in with Mr. Dobbins after group.', 'name', 'Mr. Dobbins'],
      ['Lopez, Maria was written on the attendance sheet.', 'name', 'Lopez, Maria'],
      ['Terry Dobbins arrived late.', 'name', 'Terry Dobbins'],
      ['Ms Rose thanked the group.', 'name', 'Ms Rose'],
      ['After the Opening Circle at 7 Oak Lane, M05 went home.', 'address', '7 Oak Lane'],
      ['Shared link: [call me](tel:+1-555-123-4567)', 'phone', '+1-555-123-4567'],
      ['Intake copy showed SSN no. 123-45-6789.', 'national-id', '123-45-6789'],
    ];
    for (const [sentence, kind, expected] of positives) {
      it(`${kind}: ${sentence}`, () => {
        const hits = scan(sentence);
        assert.equal(hits.length, 1, JSON.stringify(hits));
        const start = sentence.indexOf(expected);
        assert.deepEqual(hits[0], { start, end: start + expected.length, kind, text: expected });
      });
    }
  });

  describe('stays quiet on ordinary note content', () => {
    const negatives = [
      'Session 4 met on 2027-03-15 from 6:30-8:00 pm in Room 204.',
      'Next session: March 22, 2027, 10:00–11:30 am, Room 12B.',
      '@M03 and M05 worked toward #G1 and #M01-G1 (see III.A.1 and IV.A.1.c).',
      'PHQ-9 score 14 (down from 19); GAD-7: 12.',
      'Attendance was 7/8 (87.5%); 12 members are enrolled, 2 sessions remain.',
      'Members rated cohesion 4 out of 5; scores ranged 10-12.',
      'Worker reminded everyone they can call 988 or text 741741 any time.',
      'Referred M02 to 211 for housing; 311 for the landlord complaint; 911 only for emergencies.',
      'Crisis line: 1-800-273-8255 (TALK).',
      'Kids Help Phone 1-800-668-6868 and Trans Lifeline 877-565-8860 were on the handout.',
      'Talk Suicide Canada: 1 (833) 456-4566.',
      'Hotline numbers: (888) 123-4567, 866.234.5678, 855 345 6789, +1-844-456-7890.',
      'Call 1-800-GRIEF-NOW or 1-800-273-TALK.',
      'The agency page https://eastside.example.org/groups/555-123-4567 has the schedule.',
      'Handout from www.example.org/teen/2027-03-15/555.123.4567 was given out.',
      'Reading: Yalom (2005), ISBN 978-0-465-09284-0, pp. 120-145.',
      'Budget: $1,234,567 for 2027; snacks cost $45.50.',
      'The group began in 2027 and will end 2027-05-02 after 12 sessions.',
      'Dates covered: 03/15/2027, 03/22/2027 and 3 May 2027.',
      'M04 was born in Mexico and moved here in 2019.',
      'Her first-born started school 2027-03-15, which she shared proudly.',
      'We celebrated her birthday during session on 2027-03-12.',
      'DOB on file; next session 2027-03-19.',
      'Rose said the exercise helped; young members agreed.',
      'They miss Rose and Young from last term.',
      'Maria spoke first; Lopez was mentioned as a street name.',
      'Group did 3 Closing Circle rounds and 2 Square Breathing exercises.',
      'M01 had 3 Family Court hearings this month.',
      'Covered 2 Main Points: safety and trust.',
      'Room 204 and Rooms 101 102 103 were booked.',
      'Zoom meeting ID: 845 123 4567, passcode 884422.',
      'Meeting ID 123 456 789 for the hybrid session.',
      'Invalid test numbers 000-12-3456 and 987-65-4320 appear in the training slide.',
      'M02 wrote 5551234567 as a random number game answer.',
      '## Session 3: 2 Members Present. Dr Smith visited.',
      '1. Check-in (10 min)\n2. Psychoeducation (25 min)\n3. Closing (5 min)',
      '| Session | Date | Present |\n|---|---|---|\n| 3 | 2027-03-15 | 7 |',
      '**Goal G2:** reduce missed sessions by 50% over 8 weeks.',
      'Timestamp 2027-03-15T18:30:00 recorded by the app.',
      'Version 1.2.3 of the workbook, page 123-456.',
      'During the walk-and-talk members walked 100 200 300 metres in stages.',
      'In 2027 Spring Street Fair volunteers joined Group 2 Park Place outing.',
    ];
    for (const sentence of negatives) {
      it(sentence.replace(/\n/g, '⏎'), () => assert.deepEqual(scan(sentence), []));
    }
  });

  describe('offsets', () => {
    it('counts UTF-16 units, so emoji and CJK before a hit shift it correctly', () => {
      const text = '😀👍🏽 小组会议记录：成员 M03 的电话 (555) 123-4567 😀';
      const hits = scan(text);
      const start = text.indexOf('(555)');
      assert.equal(start, 25);
      assert.deepEqual(hits, [{ start, end: start + 14, kind: 'phone', text: '(555) 123-4567' }]);
      assert.equal(text.slice(hits[0].start, hits[0].end), '(555) 123-4567');
    });

    it('reports several hits sorted and without overlap', () => {
      const text = '🙂 Maria Lopez (DOB 2014-05-03) at 12 Oak St, email m.l@example.com, phone 555-222-3333.';
      const hits = scan(text);
      assert.deepEqual(hits.map((h) => [h.kind, h.start, h.text]), [
        ['name', 3, 'Maria Lopez'],
        ['date-of-birth', 20, '2014-05-03'],
        ['address', 35, '12 Oak St'],
        ['email', 52, 'm.l@example.com'],
        ['phone', 75, '555-222-3333'],
      ]);
      for (const h of hits) assert.equal(text.slice(h.start, h.end), h.text);
    });

    it('respects from/to and keeps offsets relative to the whole text', () => {
      const text = 'a@example.org | call 555-123-4567 | b@example.org';
      const from = text.indexOf('|'), to = text.lastIndexOf('|');
      assert.deepEqual(findIdentifiers(text, from, to), [{ start: 21, end: 33, kind: 'phone', text: '555-123-4567' }]);
      // A hit cut by the bound is not reported as a fragment.
      assert.deepEqual(findIdentifiers(text, 0, 25), [{ start: 0, end: 13, kind: 'email', text: 'a@example.org' }]);
      assert.deepEqual(findIdentifiers(text, 30, 10), []);
      assert.deepEqual(findIdentifiers(text, -5, 1e9).length, 3);
    });
  });

  describe('allow-list', () => {
    const allow = ['555-0100', '3 Main St', 'intake@eastside.example.org', '+1 (613) 555-0142'];
    it('drops the agency’s own numbers, ignoring punctuation, spaces and a leading 1', () => {
      const text = 'Call the office at (613) 555-0100 or 1-613-555-0142; we meet at 3 Main St; write to Intake@Eastside.example.org.';
      assert.deepEqual(scan(text, { allow }), []);
    });
    it('keeps other numbers and addresses', () => {
      const text = 'M02 lives at 13 Main St and her cell is 613-555-0199.';
      assert.deepEqual(scan(text, { allow }).map((h) => h.text), ['13 Main St', '613-555-0199']);
    });
  });

  describe('roster names', () => {
    it('matches "First Last" rosters written either way round and across a line break', () => {
      const text = 'Lopez,  Maria and MARIA\nLOPEZ both appear; Mrs. Lopez called.';
      assert.deepEqual(scan(text).map((h) => h.text), ['Lopez,  Maria', 'MARIA\nLOPEZ', 'Mrs. Lopez']);
    });
    it('matches "Surname, First" rosters written either way round', () => {
      const text = 'Dobbins, Terry signed in; later Terry Dobbins and Dr. Dobbins spoke.';
      assert.deepEqual(scan(text).map((h) => h.text), ['Dobbins, Terry', 'Terry Dobbins', 'Dr. Dobbins']);
    });
    it('does not flag a first name or a surname alone, nor a name inside a longer word', () => {
      assert.deepEqual(scan('Terry and Dobbins; Young people; Mariana Lopezz; Sam Youngblood.'), []);
    });
    it('matches accented names and curly apostrophes', () => {
      const names = [{ full: 'José Nuñez' }, { full: "Siobhan O'Neil" }];
      const text = 'jOSÉ nuñez met Siobhan O’Neil and Ms. O’Neil.';
      assert.deepEqual(findIdentifiers(text, 0, text.length, { names }).map((h) => h.text), ['jOSÉ nuñez', 'Siobhan O’Neil', 'Ms. O’Neil']);
    });
    it('uses a middle-named roster entry with or without the middle name', () => {
      const names = [{ full: 'Maria Elena Lopez' }];
      const text = 'Maria Elena Lopez, also written Maria Lopez.';
      assert.deepEqual(findIdentifiers(text, 0, text.length, { names }).map((h) => h.text), ['Maria Elena Lopez', 'Maria Lopez']);
    });
  });

  describe('describeIdentifier', () => {
    it('names each kind without echoing the identifier', () => {
      const kinds: IdentifierKind[] = ['email', 'phone', 'national-id', 'address', 'date-of-birth', 'name'];
      for (const k of kinds) assert.match(describeIdentifier(k), /^(a|an) /);
      assert.equal(describeIdentifier('phone'), 'a phone number');
    });
  });

  describe('large input', () => {
    it('scans 5 MB of notes, and 1 MB single lines of awkward characters', () => {
      const para = 'Session 4, 2027-03-15, 6:30-8:00 pm, Room 204: @M03 #M01-G1 PHQ-9 score 14; call 988 or 1-800-273-8255; Maria Lopez at (555) 123-4567.\n';
      const big = para.repeat(Math.ceil(5e6 / para.length));
      const started = Date.now();
      const hits = scan(big);
      console.log(`      5 MB: ${Date.now() - started} ms, ${hits.length} hits`);
      assert.equal(hits.length, (big.length / para.length) * 2);
      for (const line of ['1 '.repeat(5e5), 'a@'.repeat(5e5), '12 Oak Oak Oak Oak Oak '.repeat(45000), 'DOB is is is '.repeat(80000), 'x'.repeat(1e6) + '@x.org']) {
        scan(line);
      }
    });
  });
});
