-- R15: the administration office's words on a rejection, kept with the booking.
ALTER TABLE "Booking" ADD COLUMN "closeNote" TEXT;
