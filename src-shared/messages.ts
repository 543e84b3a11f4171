/**
 * Bilingual messages that travel over the API: error texts and field-level
 * validation texts. The station answers with the key *and* both texts, so a
 * HIS integrator reading a 400 and the console showing a form error say the
 * same thing. Screen labels live in the renderer's i18n files, not here.
 */
export interface Bilingual {
  readonly en: string;
  readonly ar: string;
}

export const MESSAGES = {
  'error.validation': { en: 'Some fields need attention.', ar: 'بعض الحقول تحتاج إلى مراجعة.' },
  'error.unauthenticated': { en: 'Please sign in again.', ar: 'يرجى تسجيل الدخول مرة أخرى.' },
  'error.session_expired': { en: 'Your session has expired. Please sign in again.', ar: 'انتهت الجلسة. يرجى تسجيل الدخول مرة أخرى.' },
  'error.forbidden': { en: 'You do not have permission to do this.', ar: 'ليست لديك صلاحية للقيام بهذا الإجراء.' },
  'error.group_only': {
    en: 'This view covers every hospital of the group: it is open only to users whose scope is the whole group.',
    ar: 'يشمل هذا العرض جميع مستشفيات المجموعة، لذا فهو متاح فقط للمستخدمين الذين يشمل نطاقهم المجموعة كاملة.',
  },
  'error.out_of_scope': { en: 'This record is outside your hospital or department.', ar: 'هذا السجل خارج نطاق مستشفاك أو قسمك.' },
  'error.not_found': { en: 'The record was not found.', ar: 'لم يتم العثور على السجل.' },
  'error.unknown_call': { en: 'Unknown API call.', ar: 'طلب غير معروف.' },
  'error.conflict': { en: 'This conflicts with an existing record.', ar: 'يتعارض هذا مع سجل موجود.' },
  'error.internal': { en: 'Something went wrong on the station. The details were logged.', ar: 'حدث خطأ في المحطة. تم تسجيل التفاصيل.' },
  // one answer for a wrong password, an unknown, a locked and a deactivated account: it tells nobody which accounts exist
  'error.bad_credentials': {
    en: 'Wrong username or password. After 5 failed attempts an account is locked for 15 minutes; if signing in still fails, ask your administrator.',
    ar: 'اسم المستخدم أو كلمة المرور غير صحيحة. بعد 5 محاولات فاشلة يُقفل الحساب 15 دقيقة؛ وإن استمر تعذّر الدخول فراجع مسؤول النظام.',
  },
  'error.account_locked': {
    en: 'Too many failed attempts: the account is locked for 15 minutes and its sessions were ended.',
    ar: 'محاولات فاشلة كثيرة: قُفل الحساب 15 دقيقة وأُنهيت جلساته.',
  },
  'error.login_throttled': {
    en: 'Too many failed sign-in attempts from this computer. Wait a minute, then try again.',
    ar: 'محاولات دخول فاشلة كثيرة من هذا الجهاز. انتظر دقيقة ثم حاول مرة أخرى.',
  },
  'error.busy': {
    en: 'The station is busy signing other people in. Try again in a few seconds.',
    ar: 'المحطة مشغولة بتسجيل دخول مستخدمين آخرين. حاول مرة أخرى بعد ثوانٍ.',
  },
  'error.sign_in_step_expired': {
    en: 'This sign-in step has expired or was used up. Sign in again with your password.',
    ar: 'انتهت صلاحية خطوة تسجيل الدخول هذه أو استُنفدت. سجّل الدخول مرة أخرى بكلمة المرور.',
  },
  'error.totp_enrolled': {
    en: 'Two-step sign-in is already on. Turn it off first to move it to another authenticator app.',
    ar: 'التحقق بخطوتين مفعّل مسبقاً. أوقفه أولاً لنقله إلى تطبيق مصادقة آخر.',
  },
  'error.totp_not_started': {
    en: 'No authenticator app is waiting to be confirmed. Start the set-up again.',
    ar: 'لا يوجد تطبيق مصادقة بانتظار التأكيد. ابدأ الإعداد من جديد.',
  },
  'error.totp_not_enrolled': { en: 'Two-step sign-in is not on for this account.', ar: 'التحقق بخطوتين غير مفعّل لهذا الحساب.' },
  'error.totp_no_local_password': {
    en: 'This account signs in on another station: set a password for it here first.',
    ar: 'هذا الحساب يسجّل الدخول في محطة أخرى: عيّن له كلمة مرور هنا أولاً.',
  },
  'error.group_config_here': {
    en: 'This is group configuration: it is changed on a station of the central team (enrolled for the whole group). This station is enrolled for one hospital.',
    ar: 'هذه من إعدادات المجموعة، وتُغيَّر من محطة الفريق المركزي (المسجلة للمجموعة كاملة). هذه المحطة مسجلة لمستشفى واحد.',
  },
  'error.group_settings_here': {
    en: 'Group settings are changed on a station of the central team (enrolled for the whole group). This station is enrolled for one hospital.',
    ar: 'تُغيَّر إعدادات المجموعة من محطة الفريق المركزي (المسجلة للمجموعة كاملة)، وهذه المحطة مسجلة لمستشفى واحد.',
  },
  'error.setup_done': { en: 'The station is already set up.', ar: 'تم إعداد المحطة مسبقاً.' },
  'error.roles_missing': { en: 'Default roles are missing. Run create-roles first.', ar: 'الأدوار الافتراضية غير موجودة. شغّل create-roles أولاً.' },
  'error.role_too_high': { en: 'You cannot assign a role at or above your own level.', ar: 'لا يمكنك إسناد دور يساوي مستواك أو أعلى منه.' },
  'error.self_deactivate': { en: 'You cannot deactivate your own account.', ar: 'لا يمكنك تعطيل حسابك.' },
  'error.body_too_large': { en: 'The request is too large.', ar: 'حجم الطلب كبير جداً.' },
  'error.bad_json': { en: 'The request body is not valid JSON.', ar: 'محتوى الطلب ليس JSON صالحاً.' },
  'error.bad_request': { en: 'The request is not valid HTTP.', ar: 'الطلب ليس طلب HTTP صالحاً.' },
  'error.json_too_deep': { en: 'The JSON is nested too deeply (at most 64 levels).', ar: 'محتوى JSON متداخل بعمق زائد (64 مستوى على الأكثر).' },
  'error.unsupported_media': { en: 'Send JSON (Content-Type: application/json).', ar: 'أرسل JSON (Content-Type: application/json).' },
  'error.bad_host': { en: 'Host not allowed.', ar: 'المضيف غير مسموح.' },
  'error.rate_limited': { en: 'Too many requests. Try again shortly.', ar: 'طلبات كثيرة. حاول بعد قليل.' },
  'error.bad_token': {
    en: 'Missing or unknown integration token (Authorization: Bearer <token>).',
    ar: 'رمز التكامل مفقود أو غير معروف (Authorization: Bearer <token>).',
  },
  'error.wrong_source': { en: 'This token belongs to another source system.', ar: 'هذا الرمز يخص نظاماً مصدراً آخر.' },
  'error.bad_signature': {
    en: 'The HMAC signature is missing, stale or wrong (X-PX360-Timestamp, X-PX360-Signature).',
    ar: 'توقيع HMAC مفقود أو قديم أو غير صحيح (X-PX360-Timestamp و X-PX360-Signature).',
  },
  'error.hospital_not_bound': {
    en: 'This integration source is not bound to the hospital the event names. A PX administrator binds sources to hospitals under Administration → Integrations.',
    ar: 'مصدر التكامل هذا غير مرتبط بالمستشفى الذي يذكره الحدث. يربط مسؤول تجربة المريض المصادر بالمستشفيات من الإدارة ← التكاملات.',
  },
  'error.unknown_source': {
    en: 'The sending application (MSH-3) is not an enabled integration source of this station.',
    ar: 'التطبيق المرسل (MSH-3) ليس مصدر تكامل مفعّلاً في هذه المحطة.',
  },
  'error.mllp_off': {
    en: 'MLLP is off for this integration source: it lists no address it may send from.',
    ar: 'استقبال MLLP متوقف لمصدر التكامل هذا: لم يُحدَّد له أي عنوان يُسمح بالإرسال منه.',
  },
  'error.peer_not_listed': {
    en: 'This address is not one the integration source lists for MLLP.',
    ar: 'هذا العنوان ليس من العناوين المسموح بها لمصدر التكامل عبر MLLP.',
  },
  'error.client_certificate': {
    en: 'The TLS client certificate is missing, or is not the one this integration source pins.',
    ar: 'شهادة العميل (TLS) مفقودة، أو ليست الشهادة المعتمدة لمصدر التكامل هذا.',
  },
  'error.too_many_connections': {
    en: 'Too many connections from this address. Close idle ones and try again.',
    ar: 'اتصالات كثيرة من هذا العنوان. أغلق الاتصالات الخاملة وحاول مرة أخرى.',
  },
  'error.silent_connection': {
    en: 'The connection was closed: no message this station accepts arrived in time.',
    ar: 'أُغلق الاتصال: لم تصل في الوقت المحدد أي رسالة تقبلها هذه المحطة.',
  },
  'warning.listener_plain_http': {
    en: 'The HIS listener answers beyond this computer over plain HTTP: tokens and patient data cross the network in clear. Start it with --listener-tls-cert and --listener-tls-key.',
    ar: 'يستقبل مستمع نظام المعلومات الصحية من خارج هذا الجهاز عبر HTTP غير مشفر: تمر الرموز وبيانات المرضى عبر الشبكة دون تشفير. شغّله مع ‎--listener-tls-cert و ‎--listener-tls-key.',
  },
  'warning.mllp_plain': {
    en: 'HL7 over MLLP answers beyond this computer without TLS: patient data crosses the network in clear. Start it with --mllp-tls-cert and --mllp-tls-key.',
    ar: 'يستقبل HL7 عبر MLLP من خارج هذا الجهاز دون TLS: تمر بيانات المرضى عبر الشبكة دون تشفير. شغّله مع ‎--mllp-tls-cert و ‎--mllp-tls-key.',
  },
  'warning.console_plain_http': {
    en: 'The console answers beyond this computer over plain HTTP: passwords and patient data cross the network in clear. Serve it on 127.0.0.1, or behind a TLS proxy.',
    ar: 'تعمل وحدة التحكم من خارج هذا الجهاز عبر HTTP غير مشفر: تمر كلمات المرور وبيانات المرضى عبر الشبكة دون تشفير. شغّلها على 127.0.0.1 أو خلف وكيل TLS.',
  },
  'error.not_found_route': { en: 'No such endpoint. See /api/v1/docs.', ar: 'لا توجد نقطة وصول بهذا العنوان. راجع ‎/api/v1/docs.' },
  'error.department_cycle': { en: 'A department cannot be placed under itself.', ar: 'لا يمكن وضع القسم تحت نفسه.' },
  'error.hospital_mismatch': { en: 'The department belongs to another hospital.', ar: 'القسم يتبع مستشفى آخر.' },
  // ---- hub (central sync server) ----
  'error.bad_station_token': {
    en: 'Missing, unknown or revoked station token (Authorization: Bearer <token>). Enrol the station again.',
    ar: 'رمز المحطة مفقود أو غير معروف أو ملغى (Authorization: Bearer <token>). أعد تسجيل المحطة.',
  },
  'error.bad_admin_token': { en: 'Missing or wrong hub administrator token.', ar: 'رمز مسؤول المركز مفقود أو غير صحيح.' },
  'error.audit_checkpoint_unsigned': {
    en: 'The audit checkpoint is not signed by the key it names.',
    ar: 'نقطة تثبيت سجل التدقيق غير موقّعة بالمفتاح المذكور فيها.',
  },
  'error.audit_checkpoint_key': {
    en: 'The audit checkpoint is signed with another key than this station’s earlier ones. Enrol the station again if it was reinstalled.',
    ar: 'نقطة تثبيت سجل التدقيق موقّعة بمفتاح غير مفتاح نقاط هذه المحطة السابقة. سجّل المحطة من جديد إن أعيد تثبيتها.',
  },
  'error.audit_checkpoint_backwards': {
    en: 'The audit checkpoint is older than the one the hub holds: entries are missing from the end of this station’s audit log.',
    ar: 'نقطة تثبيت سجل التدقيق أقدم من النقطة المحفوظة في المركز: سجلات مفقودة من نهاية سجل تدقيق هذه المحطة.',
  },
  'error.audit_checkpoint_rewritten': {
    en: 'The audit checkpoint names an entry the hub holds with another seal: this station’s audit log was rewritten.',
    ar: 'تشير نقطة تثبيت سجل التدقيق إلى سجل يحفظه المركز بختم مختلف: أُعيدت كتابة سجل تدقيق هذه المحطة.',
  },
  'error.station_already_enrolled': {
    en: 'A station with this identity is already enrolled at the hub. Enrol again from that station, or ask the hub administrator to revoke it first.',
    ar: 'محطة بهذه الهوية مسجلة في المركز بالفعل. أعد التسجيل من تلك المحطة، أو اطلب من مسؤول المركز إلغاءها أولاً.',
  },
  'error.bad_enrolment_code': {
    en: 'The enrolment code is unknown, already used or expired. Ask the hub administrator for a new one.',
    ar: 'رمز التسجيل غير معروف أو مستخدم أو منتهي الصلاحية. اطلب رمزاً جديداً من مسؤول المركز.',
  },
  'error.sync_batch_too_large': {
    en: 'Too many messages in one batch (at most 5,000 messages and 8 MiB).',
    ar: 'رسائل كثيرة في دفعة واحدة (5000 رسالة و8 ميغابايت على الأكثر).',
  },
  'error.unsupported_encoding': {
    en: 'Send the body plain or gzip-compressed (Content-Encoding: gzip).',
    ar: 'أرسل المحتوى دون ضغط أو مضغوطاً بـ gzip (Content-Encoding: gzip).',
  },
  'error.hub_internal': { en: 'Something went wrong on the hub. The details were logged.', ar: 'حدث خطأ في المركز. تم تسجيل التفاصيل.' },
  'error.unknown_hospital': { en: 'No hospital with this code on the hub.', ar: 'لا يوجد مستشفى بهذا الرمز في المركز.' },

  'intake.unknown_hospital': {
    en: 'Unknown hospital code "{code}". Add the hospital; the event is retried.',
    ar: 'رمز المستشفى "{code}" غير معروف. أضف المستشفى وستُعاد معالجة الحدث.',
  },
  'intake.unknown_department': {
    en: 'Unknown department code "{code}" in this hospital. Add the department; the event is retried.',
    ar: 'رمز القسم "{code}" غير معروف في هذا المستشفى. أضف القسم وستُعاد معالجة الحدث.',
  },
  'intake.unknown_physician': {
    en: 'No physician with license "{code}". Add the physician; the event is retried.',
    ar: 'لا يوجد طبيب برقم الترخيص "{code}". أضف الطبيب وستُعاد معالجة الحدث.',
  },
  'intake.unknown_event_code': {
    en: 'Event code "{code}" is not mapped for this source. Add a mapping; the event is retried.',
    ar: 'رمز الحدث "{code}" غير مربوط لهذا المصدر. أضف الربط وستُعاد معالجة الحدث.',
  },
  'intake.no_journey_type': {
    en: 'The encounter type is missing or unknown, so the journey cannot be chosen.',
    ar: 'نوع الزيارة مفقود أو غير معروف، فلا يمكن تحديد رحلة المريض.',
  },
  'intake.no_template': {
    en: 'Hospital "{code}" has no active {type} journey template. Create one; the event is retried.',
    ar: 'لا يوجد قالب رحلة نشط من نوع {type} في المستشفى "{code}". أنشئ قالباً وستُعاد معالجة الحدث.',
  },
  'intake.waiting_for_earlier': { en: 'Waiting: an earlier event of this encounter has not been processed yet.', ar: 'بانتظار معالجة حدث سابق لنفس الزيارة.' },
  'intake.internal': {
    en: 'Processing failed on the station; the details were logged. The event is retried.',
    ar: 'تعذرت المعالجة في المحطة وسُجلت التفاصيل. ستُعاد محاولة المعالجة.',
  },

  'field.required': { en: 'Required.', ar: 'حقل مطلوب.' },
  'field.too_short': { en: 'Too short (at least {min}).', ar: 'قصير جداً (على الأقل {min}).' },
  'field.too_long': { en: 'Too long (at most {max}).', ar: 'طويل جداً (على الأكثر {max}).' },
  'field.too_small': { en: 'Must be at least {min}.', ar: 'يجب ألا يقل عن {min}.' },
  'field.too_big': { en: 'Must be at most {max}.', ar: 'يجب ألا يزيد عن {max}.' },
  'field.invalid': { en: 'Not valid.', ar: 'قيمة غير صالحة.' },
  'field.bad_characters': {
    en: 'Contains control or text-direction characters that cannot be stored. Type it again, or paste it as plain text.',
    ar: 'يحتوي على رموز تحكم أو رموز اتجاه نص لا يمكن حفظها. اكتبه من جديد، أو الصقه كنص عادي.',
  },
  'field.invisible': { en: 'Nothing visible: enter letters or digits.', ar: 'لا يوجد محتوى ظاهر: أدخل حروفاً أو أرقاماً.' },
  'field.invalid_type': { en: 'Wrong type of value.', ar: 'نوع القيمة غير صحيح.' },
  'field.invalid_choice': { en: 'Choose one of the allowed values.', ar: 'اختر إحدى القيم المسموحة.' },
  'field.unknown': { en: 'Unknown field.', ar: 'حقل غير معروف.' },
  'field.survey_duplicate_question': { en: 'Another question already has this id.', ar: 'يوجد سؤال آخر بهذا المعرّف.' },
  'field.survey_duplicate_choice': { en: 'Two choices have the same id.', ar: 'يوجد خياران بالمعرّف نفسه.' },
  'field.survey_condition_order': {
    en: 'A question can be shown depending only on a question asked before it.',
    ar: 'لا يمكن ربط ظهور السؤال إلا بسؤال يسبقه.',
  },
  'field.survey_condition_value': { en: 'That question cannot have this answer.', ar: 'لا يمكن أن تكون هذه إجابة لذلك السؤال.' },
  'field.survey_condition_op': {
    en: 'This comparison does not suit that question (less or greater than works on scales only; text cannot be compared).',
    ar: 'هذه المقارنة لا تناسب ذلك السؤال (أصغر أو أكبر من للمقاييس فقط، والنص لا يُقارن).',
  },
  'field.survey_unknown_question': { en: 'No question of this survey has this id.', ar: 'لا يوجد سؤال بهذا المعرّف في هذا الاستبيان.' },
  'field.message_template_variable': {
    en: 'Unknown placeholder. Use {{first_name}}, {{hospital}}, {{link}}, {{expires_on}} or {{opt_out_link}}.',
    ar: 'متغير غير معروف. استخدم {{first_name}} أو {{hospital}} أو {{link}} أو {{expires_on}} أو {{opt_out_link}}.',
  },
  'field.message_template_link': {
    en: 'The message must carry the survey link: {{link}}.',
    ar: 'يجب أن تتضمن الرسالة رابط الاستبيان: {{link}}.',
  },
  'field.message_template_braces': {
    en: 'Double braces are only for placeholders such as {{link}}.',
    ar: 'الأقواس المزدوجة للمتغيرات فقط، مثل {{link}}.',
  },
  'field.complaint_description': { en: 'Describe the complaint in Arabic or English.', ar: 'صِف الشكوى بالعربية أو الإنجليزية.' },
  'field.complaint_assignee': {
    en: 'Choose an active user of this hospital who handles complaints and can open this one (a department manager sees only their department’s).',
    ar: 'اختر مستخدماً نشطاً في هذا المستشفى يتولى معالجة الشكاوى ويمكنه فتح هذه الشكوى (مدير القسم يرى شكاوى قسمه فقط).',
  },
  'field.patient_already_linked': {
    en: 'This complaint is already linked to a patient.',
    ar: 'هذه الشكوى مرتبطة بمريض بالفعل.',
  },
  'field.department_out_of_scope': {
    en: 'Choose a department you work in: you could not open the record otherwise.',
    ar: 'اختر قسماً تعمل فيه، وإلا فلن تتمكن من فتح السجل.',
  },
  'field.complaint_same_status': { en: 'The complaint already has this status.', ar: 'الشكوى في هذه الحالة بالفعل.' },
  'field.complaint_move': { en: 'A complaint in this status cannot move to that one.', ar: 'لا يمكن نقل الشكوى من حالتها الحالية إلى هذه الحالة.' },
  'field.reopen_reason': { en: 'Say why the complaint is reopened.', ar: 'اذكر سبب إعادة فتح الشكوى.' },
  'field.close_reason': { en: 'Say why it is closed without a resolution.', ar: 'اذكر سبب الإغلاق دون حل.' },
  'field.duplicate_of': { en: 'Choose the complaint this one repeats.', ar: 'اختر الشكوى التي تكررها هذه الشكوى.' },
  'field.attachment_name': { en: 'The file needs a name.', ar: 'يجب أن يكون للملف اسم.' },
  'field.attachment_empty': { en: 'The file is empty.', ar: 'الملف فارغ.' },
  'field.attachment_too_large': { en: 'The file is larger than 10 MB.', ar: 'حجم الملف أكبر من 10 ميغابايت.' },
  'field.attachment_type': {
    en: 'Attach a PDF, a photo (JPEG, PNG, WebP, HEIC), a text file, or a Word or Excel file; its name must end as its type does.',
    ar: 'أرفق ملف PDF أو صورة (JPEG أو PNG أو WebP أو HEIC) أو ملفاً نصياً أو ملف Word أو Excel، على أن يطابق امتداد اسمه نوعه.',
  },
  'field.attachment_encoding': { en: 'The file did not arrive whole; choose it again.', ar: 'لم يصل الملف كاملاً؛ اختره مرة أخرى.' },
  'field.attachment_limit': { en: 'This record already has 30 files.', ar: 'يحمل هذا السجل 30 ملفاً بالفعل.' },
  'field.attachment_removed': { en: 'That file was already taken off the record.', ar: 'أُزيل هذا الملف من السجل من قبل.' },
  'error.file_mismatch': {
    en: 'The file does not match its attachment (its hash, size or type differs).',
    ar: 'الملف لا يطابق مرفقه (تختلف بصمته أو حجمه أو نوعه).',
  },
  'error.attachment_not_here': {
    en: 'This file has not reached this station yet; it comes with the next sync.',
    ar: 'لم يصل هذا الملف إلى هذه المحطة بعد؛ سيصل مع المزامنة القادمة.',
  },
  'field.action_move': { en: 'An action in this status cannot take that step.', ar: 'لا يمكن تنفيذ هذه الخطوة على الإجراء في حالته الحالية.' },
  'field.action_approver': {
    en: 'Approval needs a PX Coordinator or above who neither owns the action nor submitted it.',
    ar: 'يتطلب الاعتماد منسق تجربة المريض أو من هو أعلى، على ألا يكون مالك الإجراء أو من طلب اعتماده.',
  },
  'field.complaints_one_hospital': {
    en: 'Choose complaints of one hospital: its staff take them.',
    ar: 'اختر شكاوى مستشفى واحد: يتولاها موظفوه.',
  },
  'field.action_owner': {
    en: 'Choose an active user of this hospital whose role works on PX actions and who can open this one.',
    ar: 'اختر مستخدماً نشطاً في هذا المستشفى يعمل دوره على إجراءات التحسين ويمكنه فتح هذا الإجراء.',
  },
  'field.action_evidence': { en: 'Add a note or a file as evidence before asking for approval.', ar: 'أضف ملاحظة أو ملفاً كدليل قبل طلب الاعتماد.' },
  'field.sla_time': {
    en: 'Enter a time as HH:MM (00:00 to 23:59; 24:00 only as an end).',
    ar: 'أدخل الوقت بصيغة HH:MM (من 00:00 إلى 23:59، و24:00 للنهاية فقط).',
  },
  'field.sla_segment_order': { en: 'A working period must end after it starts.', ar: 'يجب أن تنتهي فترة العمل بعد بدايتها.' },
  'field.sla_segment_overlap': { en: 'Working periods of one day must not overlap.', ar: 'يجب ألا تتداخل فترات العمل في اليوم الواحد.' },
  'field.sla_time_zone': { en: 'Choose a time zone from the list (for example Asia/Riyadh).', ar: 'اختر منطقة زمنية من القائمة (مثل Asia/Riyadh).' },
  'field.sla_date': { en: 'Enter a date that exists, as YYYY-MM-DD.', ar: 'أدخل تاريخاً صحيحاً بصيغة YYYY-MM-DD.' },
  'field.sla_date_order': { en: 'The last day must not be before the first.', ar: 'يجب ألا يسبق اليوم الأخير اليوم الأول.' },
  'field.sla_closure_order': { en: 'A closure must end after it starts.', ar: 'يجب أن ينتهي الإغلاق بعد بدايته.' },
  'field.sla_instant': { en: 'Enter a date and time.', ar: 'أدخل التاريخ والوقت.' },
  'field.sla_minutes': { en: 'Enter a whole number of business minutes, at least 1.', ar: 'أدخل عدداً صحيحاً من دقائق العمل، لا يقل عن 1.' },
  'field.sla_percent': { en: 'Enter a share of the target between 1 and 99 %.', ar: 'أدخل نسبة من المدة المستهدفة بين 1 و99 %.' },
  'field.sla_level': { en: 'Enter an escalation level from 1 to 9.', ar: 'أدخل مستوى تصعيد من 1 إلى 9.' },
  'field.sla_notify': { en: 'Choose at least one person to notify.', ar: 'اختر شخصاً واحداً على الأقل لإبلاغه.' },
  'field.sla_step_id': { en: 'Name the step with lowercase letters, digits and _.', ar: 'سمِّ الخطوة بأحرف إنجليزية صغيرة وأرقام و_.' },
  'field.sla_step_id_taken': { en: 'Another step of this clock has this name.', ar: 'توجد خطوة أخرى لهذه المدة بالاسم نفسه.' },
  'field.sla_effective_past': { en: 'A new version takes effect now or later, never in the past.', ar: 'يسري الإصدار الجديد الآن أو لاحقاً، لا في الماضي.' },
  'field.survey_window': { en: 'The send window must close after it opens.', ar: 'يجب أن تنتهي نافذة الإرسال بعد بدايتها.' },
  'error.survey_opted_out': {
    en: 'This patient asked not to receive surveys on this channel.',
    ar: 'طلب هذا المريض عدم تلقي الاستبيانات عبر هذه القناة.',
  },
  'error.survey_opted_out_all': {
    en: 'This patient asked to receive no more surveys, on paper or on a tablet too.',
    ar: 'طلب هذا المريض عدم تلقي أي استبيانات أخرى، ولو ورقياً أو على جهاز لوحي.',
  },
  'error.survey_no_contact': {
    en: 'This patient has no mobile number or email for this channel.',
    ar: 'لا يوجد لهذا المريض رقم جوال أو بريد إلكتروني لهذه القناة.',
  },
  'error.survey_template_inactive': {
    en: 'This survey template is retired or has no questions.',
    ar: 'قالب الاستبيان هذا متوقف أو لا يحتوي على أسئلة.',
  },
  'error.provider_unreadable': {
    en: 'This provider’s stored settings cannot be read on this station. Please enter them again.',
    ar: 'تعذّرت قراءة إعدادات هذا المزوّد المحفوظة على هذه المحطة. يرجى إدخالها مرة أخرى.',
  },
  'error.survey_finished': { en: 'This survey was already answered.', ar: 'تمت الإجابة عن هذا الاستبيان من قبل.' },
  'field.survey_not_applicable': { en: 'This question does not offer “Does not apply”.', ar: 'هذا السؤال لا يتيح خيار «لا ينطبق».' },
  'field.email': { en: 'Enter a valid email address.', ar: 'أدخل بريداً إلكترونياً صحيحاً.' },
  'field.phone': { en: 'Enter a Saudi mobile number (05XXXXXXXX or +9665XXXXXXXX).', ar: 'أدخل رقم جوال سعودي (05XXXXXXXX أو ‎+9665XXXXXXXX).' },
  'field.national_id': {
    en: 'National ID or iqama: 10 digits starting with 1 or 2, with a valid check digit.',
    ar: 'رقم الهوية أو الإقامة: 10 أرقام تبدأ بـ 1 أو 2 مع رقم تحقق صحيح.',
  },
  'field.code': { en: 'Use 2–12 capital letters, digits or dashes.', ar: 'استخدم من 2 إلى 12 حرفاً لاتينياً كبيراً أو أرقاماً أو شرطات.' },
  'field.username': {
    en: 'Use 3–32 lowercase letters, digits, dots, dashes or underscores.',
    ar: 'استخدم من 3 إلى 32 حرفاً لاتينياً صغيراً أو أرقاماً أو نقاطاً أو شرطات.',
  },
  'field.password_short': {
    en: 'At least 12 characters. A phrase of three or four unrelated words is easy to remember and hard to guess.',
    ar: '12 حرفاً على الأقل. عبارة من ثلاث أو أربع كلمات غير مترابطة سهلة التذكر وصعبة التخمين.',
  },
  'field.password_long': { en: 'At most 128 characters.', ar: '128 حرفاً على الأكثر.' },
  'field.password_personal': {
    en: 'Do not use your username, name or email address in the password.',
    ar: 'لا تستخدم اسم المستخدم أو اسمك أو بريدك الإلكتروني في كلمة المرور.',
  },
  'field.password_common': {
    en: 'This is a commonly used password, or close to one. Choose another.',
    ar: 'كلمة المرور هذه شائعة الاستخدام أو قريبة من كلمة شائعة. اختر غيرها.',
  },
  'field.password_pattern': {
    en: 'Keyboard rows, repeated characters and sequences such as "abc" or "1234" are easy to guess.',
    ar: 'صفوف لوحة المفاتيح والأحرف المكررة والتسلسلات مثل "abc" أو "1234" سهلة التخمين.',
  },
  'field.password_dates': { en: 'Dates and years are easy to guess.', ar: 'التواريخ والسنوات سهلة التخمين.' },
  'field.password_words': {
    en: 'Single words and names are easy to guess: use several uncommon words.',
    ar: 'الكلمات والأسماء المنفردة سهلة التخمين: استخدم عدة كلمات غير شائعة.',
  },
  'field.password_weak': { en: 'Too easy to guess. Add more uncommon words.', ar: 'سهلة التخمين. أضف كلمات أخرى غير شائعة.' },
  'field.password_reused': {
    en: 'This password was used recently: choose one that is not among the last 5.',
    ar: 'استُخدمت كلمة المرور هذه مؤخراً: اختر كلمة ليست من آخر 5 كلمات مرور.',
  },
  'field.password_wrong': { en: 'The current password is wrong.', ar: 'كلمة المرور الحالية غير صحيحة.' },
  'field.totp_code': {
    en: 'Enter the 6-digit code from your authenticator app, or a recovery code.',
    ar: 'أدخل الرمز المكوّن من 6 أرقام من تطبيق المصادقة، أو أحد رموز الاسترداد.',
  },
  'field.totp_wrong': {
    en: 'The code is wrong or has expired. Use the current code of your authenticator app, or an unused recovery code.',
    ar: 'الرمز غير صحيح أو انتهت صلاحيته. استخدم الرمز الحالي من تطبيق المصادقة، أو رمز استرداد لم يُستخدم.',
  },
  'password.hint.more_words': { en: 'Add another word or two that are less common.', ar: 'أضف كلمة أو كلمتين أقل شيوعاً.' },
  'password.hint.capitals': {
    en: 'A capital only at the start helps little: put one in the middle.',
    ar: 'الحرف اللاتيني الكبير في البداية وحدها لا يفيد كثيراً: ضع واحداً في الوسط.',
  },
  'password.hint.substitutions': {
    en: 'Predictable swaps such as @ for a, and reversed words, do not fool attackers.',
    ar: 'الاستبدالات المتوقعة مثل @ بدل a والكلمات المعكوسة لا تخدع المهاجمين.',
  },
  'password.hint.dates': { en: 'Avoid dates and years connected with you.', ar: 'تجنب التواريخ والسنوات المرتبطة بك.' },
  'password.hint.patterns': { en: 'Avoid repeats, sequences and keyboard patterns.', ar: 'تجنب التكرار والتسلسلات وأنماط لوحة المفاتيح.' },
  'field.date': { en: 'Enter a date as YYYY-MM-DD.', ar: 'أدخل التاريخ بصيغة YYYY-MM-DD.' },
  'field.date_future': { en: 'The date cannot be in the future.', ar: 'لا يمكن أن يكون التاريخ في المستقبل.' },
  'field.time_zone': { en: 'Unknown time zone.', ar: 'منطقة زمنية غير معروفة.' },
  'field.taken': { en: 'Already in use.', ar: 'مستخدم مسبقاً.' },
  'field.not_found': { en: 'No such record.', ar: 'لا يوجد سجل بهذا المعرف.' },
  'field.out_of_scope': { en: 'Outside your scope.', ar: 'خارج نطاق صلاحيتك.' },
  'field.scope_required': { en: 'This role needs a hospital.', ar: 'هذا الدور يتطلب تحديد مستشفى.' },
  'field.peer_address': {
    en: 'An IPv4 or IPv6 address, or a range such as 10.1.2.0/24.',
    ar: 'عنوان IPv4 أو IPv6، أو نطاق مثل 10.1.2.0/24.',
  },
  'field.any_address_needs_certificate': {
    en: 'Every address (/0) only together with a pinned client certificate.',
    ar: 'لا يُسمح بكل العناوين (‎/0) إلا مع تثبيت شهادة العميل.',
  },
  'field.fingerprint': {
    en: "The certificate's SHA-256 fingerprint: 64 hexadecimal digits (colons allowed).",
    ar: 'بصمة SHA-256 للشهادة: 64 رقماً ست عشرياً (يُسمح بالنقطتين).',
  },
  'field.department_required': { en: 'This role needs a department.', ar: 'هذا الدور يتطلب تحديد قسم.' },
  // hub sync (station side)
  'sync.not_enrolled': { en: 'This station is not enrolled with a hub.', ar: 'هذه المحطة غير مسجلة لدى المركز.' },
  'sync.revoked': {
    en: 'The hub refused this station: it is not enrolled or its access was revoked. Local data is kept.',
    ar: 'رفض المركز هذه المحطة: غير مسجلة أو أُلغي وصولها. البيانات المحلية محفوظة.',
  },
  'sync.unreachable': {
    en: 'The hub cannot be reached. Changes are kept and sent when it is back.',
    ar: 'تعذر الوصول إلى المركز. التغييرات محفوظة وستُرسل عند عودته.',
  },
  'sync.already_enrolled': {
    en: "The hub already has a station enrolled under this station's identity (another installation, or this one lost its token). Ask the hub administrator to revoke this station, then enrol again.",
    ar: 'لدى المركز محطة مسجلة بهوية هذه المحطة (تثبيت آخر، أو فقدت هذه المحطة رمز وصولها). اطلب من مسؤول المركز إلغاء هذه المحطة، ثم سجّلها من جديد.',
  },
  'sync.untrusted_hub': {
    en: "This computer does not trust the hub's certificate (or it names another address). Changes are kept. Ask IT to install the hub's certificate authority on this computer.",
    ar: 'لا يثق هذا الجهاز بشهادة المركز (أو أنها باسم عنوان آخر). التغييرات محفوظة. اطلب من قسم تقنية المعلومات تثبيت جهة إصدار شهادة المركز على هذا الجهاز.',
  },
  'sync.hub_error': { en: 'The hub answered with an error. The details were logged.', ar: 'أجاب المركز بخطأ. تم تسجيل التفاصيل.' },
  'sync.insecure_hub': {
    en: 'The hub address is plain HTTP on the network: patient records and the station token would cross it unencrypted. Use the hub’s https:// address (ask IT); for a test network only, enrol from the command line with --insecure-hub.',
    ar: 'عنوان المركز HTTP غير مشفّر على الشبكة: ستعبرها سجلات المرضى ورمز المحطة دون تشفير. استخدم عنوان المركز الذي يبدأ بـ https:// (اسأل قسم تقنية المعلومات)؛ ولشبكة اختبار فقط، سجّل المحطة من سطر الأوامر مع ‎--insecure-hub‎.',
  },
  'sync.hospital_station': {
    en: 'This station is enrolled for one hospital; the hub gives group-wide figures only to a station enrolled for the whole group.',
    ar: 'هذه المحطة مسجلة لمستشفى واحد، والمركز لا يعطي أرقام المجموعة إلا لمحطة مسجلة للمجموعة كاملة.',
  },
  'sync.bad_code': {
    en: 'The hub did not accept this enrolment code (wrong, used or expired).',
    ar: 'لم يقبل المركز رمز التسجيل هذا (خاطئ أو مستخدم أو منتهي الصلاحية).',
  },
  'sync.already_acknowledged': {
    en: 'These refused changes were already marked as dealt with. Show the dealt-with ones to see when and by whom.',
    ar: 'سبق تعليم هذه التغييرات المرفوضة بأنها تمت معالجتها. اعرض ما تمت معالجته لمعرفة متى ومن قام بذلك.',
  },
  // background jobs and domain-event subscribers (Administration → Jobs)
  'job.failed': {
    en: 'The run failed on the station; the details are in the station log. It is tried again at its next run.',
    ar: 'فشل التشغيل في المحطة وسُجلت التفاصيل في سجل المحطة. ستُعاد المحاولة في موعد التشغيل التالي.',
  },
  'job.delivery_failed': {
    en: 'Handing an event to this reader failed; the details are in the station log. It is tried again, and later events wait behind it.',
    ar: 'تعذر تسليم حدث لهذا المستقبِل وسُجلت التفاصيل في سجل المحطة. ستُعاد المحاولة، والأحداث اللاحقة تنتظر بعده.',
  },
  'job.stopped': { en: 'The station is stopping: the job does not run now.', ar: 'المحطة قيد الإيقاف: لن تعمل المهمة الآن.' },
} as const satisfies Record<string, Bilingual>;

export type MessageKey = keyof typeof MESSAGES;

export function renderMessage(key: MessageKey, params: Record<string, string | number> = {}): Bilingual {
  const template = MESSAGES[key];
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  return { en: fill(template.en), ar: fill(template.ar) };
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(MESSAGES, value);
}
