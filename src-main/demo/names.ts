/** Name parts in both scripts, paired so a synthetic patient's Arabic and English names agree. */
export const MALE_FIRST: readonly (readonly [string, string])[] = [
  ['محمد', 'Mohammed'], ['أحمد', 'Ahmed'], ['عبدالله', 'Abdullah'], ['خالد', 'Khalid'], ['فهد', 'Fahad'],
  ['سلطان', 'Sultan'], ['فيصل', 'Faisal'], ['عمر', 'Omar'], ['يوسف', 'Yousef'], ['إبراهيم', 'Ibrahim'],
  ['سعود', 'Saud'], ['ناصر', 'Nasser'], ['تركي', 'Turki'], ['بندر', 'Bandar'], ['ماجد', 'Majed'],
  ['عبدالرحمن', 'Abdulrahman'], ['سلمان', 'Salman'], ['حمد', 'Hamad'], ['طلال', 'Talal'], ['مشعل', 'Mishal'],
  ['زياد', 'Ziyad'], ['ياسر', 'Yasser'], ['علي', 'Ali'], ['حسن', 'Hassan'], ['منصور', 'Mansour'],
];
export const FEMALE_FIRST: readonly (readonly [string, string])[] = [
  ['نورة', 'Noura'], ['سارة', 'Sarah'], ['فاطمة', 'Fatimah'], ['عائشة', 'Aisha'], ['مريم', 'Maryam'],
  ['ريم', 'Reem'], ['هيفاء', 'Haifa'], ['لطيفة', 'Latifa'], ['منيرة', 'Munira'], ['الجوهرة', 'Aljawhara'],
  ['هند', 'Hind'], ['أمل', 'Amal'], ['دانة', 'Dana'], ['لمى', 'Lama'], ['شهد', 'Shahad'],
  ['رهف', 'Rahaf'], ['غادة', 'Ghada'], ['أسماء', 'Asma'], ['خلود', 'Kholoud'], ['وعد', 'Waad'],
];
export const FAMILY: readonly (readonly [string, string])[] = [
  ['القحطاني', 'Al-Qahtani'], ['العتيبي', 'Al-Otaibi'], ['الشمري', 'Al-Shammari'], ['الدوسري', 'Al-Dosari'], ['الغامدي', 'Al-Ghamdi'],
  ['الزهراني', 'Al-Zahrani'], ['الحربي', 'Al-Harbi'], ['المطيري', 'Al-Mutairi'], ['العنزي', 'Al-Anazi'], ['السبيعي', 'Al-Subaie'],
  ['الشهري', 'Al-Shehri'], ['العمري', 'Al-Omari'], ['المالكي', 'Al-Malki'], ['الرشيد', 'Al-Rasheed'], ['السديري', 'Al-Sudairi'],
  ['البقمي', 'Al-Buqami'], ['الجهني', 'Al-Juhani'], ['الخالدي', 'Al-Khalidi'], ['التميمي', 'Al-Tamimi'], ['الفيفي', 'Al-Faifi'],
  ['باعشن', 'Baeshen'], ['بن لادن', 'Binladin'], ['الراجحي', 'Al-Rajhi'], ['السالم', 'Al-Salem'], ['الحمدان', 'Al-Hamdan'],
  ['الخثلان', 'Al-Khathlan'], ['القرني', 'Al-Qarni'], ['اليامي', 'Al-Yami'], ['الأحمدي', 'Al-Ahmadi'], ['الزامل', 'Al-Zamil'],
];
