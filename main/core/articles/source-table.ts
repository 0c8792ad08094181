import type { SourceKind } from './types';

/** One known outlet or body: its display name, kind, sites, and the names writers use for it. */
export interface KnownSource {
  name: string;
  kind: Exclude<SourceKind, 'unknown' | 'person'>;
  /** Registrable domains it publishes on ("theguardian.com"). */
  sites: string[];
  /**
   * Other names and spellings found in text ("Guardian", "MoJ", "BigIssue"). In running text
   * they match as whole words with their capitals as written (or in all capitals), so "sky"
   * or "unite" in a sentence is not a source; as a whole name they match ignoring case, spaces
   * and punctuation ("Big Issue" = "BigIssue").
   */
  aliases: string[];
  /**
   * Its bare name is an ordinary word ("Independent", "Observer"): in running text it only
   * counts as "the Independent" not followed by another capitalised word ("the Independent
   * Monitoring Board" is not the paper).
   */
  needsThe?: boolean;
}

/**
 * The curated table of UK outlets and bodies this blog and its readers quote. Extend it by
 * adding an entry (or an alias): extraction, source grouping and the evaluation all read it.
 * Order matters only for display; lookups are by name, alias or site.
 */
export const SOURCE_TABLE: readonly KnownSource[] = [
  // Newspapers, broadcasters and magazines.
  {
    name: 'The Guardian',
    kind: 'outlet',
    sites: ['theguardian.com', 'guardian.co.uk'],
    aliases: ['Guardian', 'Guardian Online'],
    needsThe: true,
  },
  { name: 'The Observer', kind: 'outlet', sites: ['observer.co.uk'], aliases: ['Observer'], needsThe: true },
  {
    name: 'The Telegraph',
    kind: 'outlet',
    sites: ['telegraph.co.uk'],
    aliases: ['Telegraph', 'Daily Telegraph', 'Sunday Telegraph'],
    needsThe: true,
  },
  { name: 'The Independent', kind: 'outlet', sites: ['independent.co.uk'], aliases: ['Independent'], needsThe: true },
  { name: 'Financial Times', kind: 'outlet', sites: ['ft.com'], aliases: ['FT', 'Financial Times'] },
  {
    name: 'The Times',
    kind: 'outlet',
    sites: ['thetimes.co.uk'],
    aliases: ['The Times', 'Times', 'Sunday Times', 'The Sunday Times'],
    needsThe: true,
  },
  {
    name: 'BBC News',
    kind: 'outlet',
    sites: ['bbc.co.uk', 'bbc.com'],
    aliases: ['BBC', 'BBC News', 'BBC website', 'BBC Radio 4', 'BBC News Online'],
  },
  { name: 'Sky News', kind: 'outlet', sites: ['sky.com'], aliases: ['Sky News'] },
  {
    name: 'Channel 4 News',
    kind: 'outlet',
    sites: ['channel4.com'],
    aliases: ['Channel 4 News', 'C4News', 'C4 News', 'Channel 4', 'Channel4 News'],
  },
  { name: 'ITV News', kind: 'outlet', sites: ['itv.com'], aliases: ['ITV News'] },
  { name: 'The Big Issue', kind: 'outlet', sites: ['bigissue.com'], aliases: ['Big Issue', 'BigIssue'] },
  { name: 'Inside Time', kind: 'outlet', sites: ['insidetime.org'], aliases: ['Inside Time', 'InsideTime'] },
  { name: 'Red Pepper', kind: 'outlet', sites: ['redpepper.org.uk'], aliases: ['Red Pepper'] },
  { name: 'politics.co.uk', kind: 'outlet', sites: ['politics.co.uk'], aliases: ['politics.co.uk', 'Politics.co.uk'] },
  {
    name: 'Daily Mail',
    kind: 'outlet',
    sites: ['dailymail.co.uk'],
    aliases: ['Daily Mail', 'Mail on Sunday', 'Mail Online', 'MailOnline'],
  },
  { name: 'Daily Mirror', kind: 'outlet', sites: ['mirror.co.uk'], aliases: ['Daily Mirror', 'Sunday Mirror'] },
  {
    name: 'Evening Standard',
    kind: 'outlet',
    sites: ['standard.co.uk'],
    aliases: ['Evening Standard', 'London Evening Standard'],
  },
  { name: 'Morning Star', kind: 'outlet', sites: ['morningstaronline.co.uk'], aliases: ['Morning Star'] },
  { name: 'New Statesman', kind: 'outlet', sites: ['newstatesman.com'], aliases: ['New Statesman'] },
  { name: 'The Spectator', kind: 'outlet', sites: ['spectator.co.uk'], aliases: ['Spectator'], needsThe: true },
  { name: 'The Economist', kind: 'outlet', sites: ['economist.com'], aliases: ['Economist'], needsThe: true },
  { name: 'Private Eye', kind: 'outlet', sites: ['private-eye.co.uk'], aliases: ['Private Eye'] },
  {
    name: 'HuffPost UK',
    kind: 'outlet',
    sites: ['huffingtonpost.co.uk', 'huffpost.com'],
    aliases: ['HuffPost', 'Huffington Post', 'HuffPost UK'],
  },
  { name: 'Community Care', kind: 'outlet', sites: ['communitycare.co.uk'], aliases: ['Community Care'] },
  { name: 'Third Sector', kind: 'outlet', sites: ['thirdsector.co.uk'], aliases: ['Third Sector'] },
  { name: 'Civil Service World', kind: 'outlet', sites: ['civilserviceworld.com'], aliases: ['Civil Service World'] },
  { name: 'Public Finance', kind: 'outlet', sites: ['publicfinance.co.uk'], aliases: ['Public Finance'] },
  {
    name: 'Local Government Chronicle',
    kind: 'outlet',
    sites: ['lgcplus.com'],
    aliases: ['Local Government Chronicle', 'LGC'],
  },
  { name: 'The Conversation', kind: 'outlet', sites: ['theconversation.com'], aliases: ['The Conversation'] },
  { name: 'The Herald', kind: 'outlet', sites: ['heraldscotland.com'], aliases: ['Herald Scotland'] },
  { name: 'The Scotsman', kind: 'outlet', sites: ['scotsman.com'], aliases: ['Scotsman'], needsThe: true },
  { name: 'Yorkshire Post', kind: 'outlet', sites: ['yorkshirepost.co.uk'], aliases: ['Yorkshire Post'] },
  {
    name: 'Manchester Evening News',
    kind: 'outlet',
    sites: ['manchestereveningnews.co.uk'],
    aliases: ['Manchester Evening News'],
  },
  { name: 'Liverpool Echo', kind: 'outlet', sites: ['liverpoolecho.co.uk'], aliases: ['Liverpool Echo'] },
  { name: 'Belfast Telegraph', kind: 'outlet', sites: ['belfasttelegraph.co.uk'], aliases: ['Belfast Telegraph'] },
  { name: 'Press Association', kind: 'outlet', sites: [], aliases: ['Press Association', 'PA Media'] },
  // Government and public bodies.
  {
    name: 'Ministry of Justice',
    kind: 'organisation',
    sites: ['justice.gov.uk'],
    aliases: ['MoJ', 'MOJ', 'Ministry of Justice', 'Justice Ministry', 'Ministry Of Justice'],
  },
  {
    name: 'HMPPS',
    kind: 'organisation',
    sites: [],
    aliases: ['HMPPS', 'HM Prison and Probation Service', "Her Majesty's Prison and Probation Service"],
  },
  { name: 'NOMS', kind: 'organisation', sites: [], aliases: ['NOMS', 'National Offender Management Service'] },
  {
    name: 'National Probation Service',
    kind: 'organisation',
    sites: [],
    aliases: ['NPS', 'National Probation Service'],
  },
  {
    name: 'HM Inspectorate of Probation',
    kind: 'organisation',
    sites: [],
    aliases: [
      'HM Inspectorate of Probation',
      'HMI Probation',
      'Probation Inspectorate',
      'Inspectorate of Probation',
      'HMIP',
    ],
  },
  {
    name: 'HM Inspectorate of Prisons',
    kind: 'organisation',
    sites: [],
    aliases: ['HM Inspectorate of Prisons', 'HMI Prisons', 'Prisons Inspectorate'],
  },
  {
    name: 'Justice Committee',
    kind: 'organisation',
    sites: [],
    aliases: ['Justice Committee', 'Justice Select Committee'],
  },
  { name: 'Public Accounts Committee', kind: 'organisation', sites: [], aliases: ['Public Accounts Committee', 'PAC'] },
  {
    name: 'National Audit Office',
    kind: 'organisation',
    sites: ['nao.org.uk'],
    aliases: ['National Audit Office', 'NAO'],
  },
  { name: 'Home Office', kind: 'organisation', sites: [], aliases: ['Home Office'] },
  { name: 'Cabinet Office', kind: 'organisation', sites: [], aliases: ['Cabinet Office'] },
  {
    name: 'UK Parliament',
    kind: 'organisation',
    sites: ['parliament.uk'],
    aliases: ['Hansard', 'House of Commons', 'House of Lords'],
  },
  {
    name: 'Probation Institute',
    kind: 'organisation',
    sites: ['probation-institute.org'],
    aliases: ['Probation Institute'],
  },
  // Unions.
  { name: 'Napo', kind: 'organisation', sites: ['napo.org.uk'], aliases: ['Napo', 'NAPO', 'Napo HQ'] },
  { name: 'GMB', kind: 'organisation', sites: ['gmb.org.uk'], aliases: ['GMB', 'GMB Union'] },
  { name: 'Unison', kind: 'organisation', sites: ['unison.org.uk'], aliases: ['Unison', 'UNISON'] },
  { name: 'PCS', kind: 'organisation', sites: ['pcs.org.uk'], aliases: ['PCS', 'PCS union'] },
  { name: 'Unite', kind: 'organisation', sites: ['unitetheunion.org'], aliases: ['Unite the Union'] },
  { name: 'TUC', kind: 'organisation', sites: ['tuc.org.uk'], aliases: ['TUC', 'Trades Union Congress'] },
  {
    name: 'Prison Officers Association',
    kind: 'organisation',
    sites: [],
    aliases: ['Prison Officers Association', "Prison Officers' Association", 'POA'],
  },
  {
    name: "Prison Governors' Association",
    kind: 'organisation',
    sites: [],
    aliases: ['Prison Governors Association', "Prison Governors' Association"],
  },
  // Charities, think tanks and campaigns.
  {
    name: 'Prison Reform Trust',
    kind: 'organisation',
    sites: ['prisonreformtrust.org.uk'],
    aliases: ['Prison Reform Trust', 'PRT'],
  },
  {
    name: 'Howard League for Penal Reform',
    kind: 'organisation',
    sites: ['howardleague.org'],
    aliases: ['Howard League', 'Howard League for Penal Reform'],
  },
  { name: 'Nacro', kind: 'organisation', sites: ['nacro.org.uk'], aliases: ['Nacro', 'NACRO'] },
  { name: 'Clinks', kind: 'organisation', sites: ['clinks.org'], aliases: ['Clinks'] },
  {
    name: 'Centre for Crime and Justice Studies',
    kind: 'organisation',
    sites: ['crimeandjustice.org.uk'],
    aliases: ['Centre for Crime and Justice Studies', 'CCJS'],
  },
  {
    name: 'Transform Justice',
    kind: 'organisation',
    sites: ['transformjustice.org.uk'],
    aliases: ['Transform Justice'],
  },
  { name: 'Crest Advisory', kind: 'organisation', sites: ['crestadvisory.com'], aliases: ['Crest Advisory'] },
  {
    name: 'Institute for Government',
    kind: 'organisation',
    sites: ['instituteforgovernment.org.uk'],
    aliases: ['Institute for Government', 'IfG'],
  },
  {
    name: 'Social Market Foundation',
    kind: 'organisation',
    sites: ['smf.co.uk'],
    aliases: ['Social Market Foundation', 'SMF'],
  },
  {
    name: 'Centre for Social Justice',
    kind: 'organisation',
    sites: ['centreforsocialjustice.org.uk'],
    aliases: ['Centre for Social Justice'],
  },
  { name: 'We Own It', kind: 'organisation', sites: ['weownit.org.uk'], aliases: ['We Own It', 'We own it'] },
  { name: '38 Degrees', kind: 'organisation', sites: ['38degrees.org.uk'], aliases: ['38 Degrees'] },
  // Companies that run probation and prison contracts.
  { name: 'Serco', kind: 'organisation', sites: ['serco.com'], aliases: ['Serco', 'SERCO'] },
  { name: 'G4S', kind: 'organisation', sites: ['g4s.com'], aliases: ['G4S'] },
  { name: 'Capita', kind: 'organisation', sites: ['capita.com'], aliases: ['Capita'] },
  { name: 'Sodexo', kind: 'organisation', sites: ['sodexo.com'], aliases: ['Sodexo', 'Sodexo Justice Services'] },
  { name: 'Interserve', kind: 'organisation', sites: ['interserve.com'], aliases: ['Interserve'] },
  { name: 'Working Links', kind: 'organisation', sites: ['workinglinks.co.uk'], aliases: ['Working Links'] },
];
